import type { DecisionAnswer, DecisionNode, DecisionOutcome, DecisionTree, OutcomeNode, QuestionNode } from '../../shared/rollout'
import { decisionTreeProblems } from '../../shared/rollout'
import { refuseObserver } from '../runbook/release-rules'

/**
 * Walking the rollback decision tree with an incident's owner. The answers are the record (who, when, why); the
 * position is always recomputed from them, so there is no separate "current node" that could drift from the answers.
 */

export type DecisionPosition =
  | { kind: 'question'; node: QuestionNode; answers: DecisionAnswer[] }
  /** decidedAt: when the answer that reached this outcome was given; null for a tree whose root is an outcome. */
  | { kind: 'outcome'; node: OutcomeNode; answers: DecisionAnswer[]; decidedAt: number | null }

export type Walk = { ok: true; position: DecisionPosition } | { ok: false; reasons: string[] }

export function walkDecision(tree: DecisionTree, answers: readonly DecisionAnswer[]): Walk {
  const problems = decisionTreeProblems(tree)
  if (problems.length) return { ok: false, reasons: problems.map((p) => `The decision tree cannot be walked. ${p.message}`) }
  const byId = new Map(tree.nodes.map((n) => [n.id, n] as const))
  let node = byId.get(tree.root) as DecisionNode
  for (const [i, a] of answers.entries()) {
    if (node.kind === 'outcome') {
      return { ok: false, reasons: [`Answer ${i + 1} (to "${a.nodeId}") comes after the decision was already made: ${node.text}`] }
    }
    if (a.nodeId !== node.id) {
      return { ok: false, reasons: [`Answer ${i + 1} is to "${a.nodeId}", but the question at that point was "${node.id}" (${node.text}).`] }
    }
    node = byId.get(node[a.answer]) as DecisionNode
  }
  const given = [...answers]
  if (node.kind === 'outcome') {
    return { ok: true, position: { kind: 'outcome', node, answers: given, decidedAt: given.length ? given[given.length - 1].at : null } }
  }
  return { ok: true, position: { kind: 'question', node, answers: given } }
}

/** Records one answer, refusing it unless it answers the current question with a person and a rationale. */
export function answerDecision(
  tree: DecisionTree,
  answers: readonly DecisionAnswer[],
  answer: DecisionAnswer
): { ok: true; answers: DecisionAnswer[]; position: DecisionPosition } | { ok: false; reasons: string[] } {
  const walk = walkDecision(tree, answers)
  if (!walk.ok) return walk
  const here = walk.position
  const reasons: string[] = []
  const observer = refuseObserver(answer.actor, 'answer the decision tree')
  if (observer) reasons.push(observer)
  if (!answer.rationale?.trim()) reasons.push('Say why: each answer in the decision tree is recorded with a rationale.')
  if (here.kind === 'outcome') {
    reasons.push(`The decision is already made: ${here.node.text} Record a new incident if the situation has changed.`)
  } else if (answer.nodeId !== here.node.id) {
    const earlier = answers.find((a) => a.nodeId === answer.nodeId)
    const asked = tree.nodes.find((n) => n.id === answer.nodeId)
    if (earlier) {
      reasons.push(`"${answer.nodeId}" was already answered "${earlier.answer}" by ${earlier.actor.name}; the current question is "${here.node.text}".`)
    } else if (!asked) {
      reasons.push(`There is no node "${answer.nodeId}" in this decision tree; the current question is "${here.node.text}".`)
    } else {
      reasons.push(`"${answer.nodeId}" is not the current question; answer "${here.node.text}" first.`)
    }
  }
  if (reasons.length) return { ok: false, reasons }
  const next = [...answers, { ...answer, rationale: answer.rationale.trim() }]
  const after = walkDecision(tree, next)
  if (!after.ok) return after
  return { ok: true, answers: next, position: after.position }
}

/** Both rollback outcomes start the rollback procedure; fixing in place does not. */
export function outcomeRollsBack(outcome: DecisionOutcome): boolean {
  return outcome === 'rollback-now' || outcome === 'rollback-fix-redeploy'
}
