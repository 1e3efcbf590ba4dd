import { describe, expect, it } from 'vitest'
import {
  DEFAULT_DECISION_TREE,
  decisionTreeProblems,
  decisionTreeSchema,
  type DecisionAnswer,
  type DecisionTree
} from '../../../src/shared/rollout'
import { answerDecision, outcomeRollsBack, walkDecision } from '../../../src/main/rollout/decision-walk'
import { MINUTE, T0, dana, olu, sam } from './helpers'

const problems = (tree: DecisionTree) => decisionTreeProblems(tree).map((p) => p.message)

function answer(nodeId: string, a: 'yes' | 'no', at = T0, rationale = 'see the error dashboard'): DecisionAnswer {
  return { nodeId, answer: a, actor: dana, rationale, at }
}

describe('validating a decision tree', () => {
  it('accepts the playbook tree', () => {
    expect(problems(DEFAULT_DECISION_TREE)).toEqual([])
    expect(decisionTreeSchema.safeParse(DEFAULT_DECISION_TREE).success).toBe(true)
  })

  it('names a missing root', () => {
    expect(problems({ ...DEFAULT_DECISION_TREE, root: 'start' })).toEqual([
      'The root "start" is not a node in this tree; set root to the id of the first question.'
    ])
  })

  it('names the node and the answer whose reference does not resolve', () => {
    const tree: DecisionTree = {
      root: 'q',
      nodes: [
        { id: 'q', kind: 'question', text: 'Critical?', yes: 'rollbak', no: 'fix' },
        { id: 'fix', kind: 'outcome', outcome: 'fix-in-place', text: 'Fix it.' }
      ]
    }
    expect(problems(tree)).toEqual([
      'Node "q": the "yes" answer leads to "rollbak", which is not a node in this tree, so that path never reaches an outcome.'
    ])
  })

  it('names the nodes of a loop, once', () => {
    const tree: DecisionTree = {
      root: 'a',
      nodes: [
        { id: 'a', kind: 'question', text: 'A?', yes: 'b', no: 'done' },
        { id: 'b', kind: 'question', text: 'B?', yes: 'a', no: 'a' },
        { id: 'done', kind: 'outcome', outcome: 'rollback-now', text: 'Roll back.' }
      ]
    }
    expect(problems(tree)).toEqual([
      'Nodes "a" → "b" → "a" form a loop: answering them could go round forever without reaching an outcome.'
    ])
  })

  it('names a question that answers itself as a loop', () => {
    const tree: DecisionTree = {
      root: 'a',
      nodes: [
        { id: 'a', kind: 'question', text: 'A?', yes: 'a', no: 'done' },
        { id: 'done', kind: 'outcome', outcome: 'fix-in-place', text: 'Fix.' }
      ]
    }
    expect(problems(tree)).toEqual(['Nodes "a" → "a" form a loop: answering them could go round forever without reaching an outcome.'])
  })

  it('names unreachable nodes and repeated ids', () => {
    const tree: DecisionTree = {
      root: 'q',
      nodes: [
        { id: 'q', kind: 'question', text: 'Critical?', yes: 'now', no: 'now' },
        { id: 'now', kind: 'outcome', outcome: 'rollback-now', text: 'Roll back.' },
        { id: 'now', kind: 'outcome', outcome: 'fix-in-place', text: 'Fix.' },
        { id: 'orphan', kind: 'outcome', outcome: 'fix-in-place', text: 'Fix.' }
      ]
    }
    expect(problems(tree)).toEqual([
      'Node id "now" is used twice; give each node its own id.',
      'Node "orphan" cannot be reached from the root "q"; link to it from a question or remove it.'
    ])
  })

  it('turns each problem into a schema issue at the node', () => {
    const r = decisionTreeSchema.safeParse({ ...DEFAULT_DECISION_TREE, root: 'start' })
    expect(r.success).toBe(false)
    expect(r.error?.issues.map((i) => i.path)).toEqual([['root']])
  })
})

describe('walking the tree', () => {
  it('starts at the root question', () => {
    const w = walkDecision(DEFAULT_DECISION_TREE, [])
    expect(w).toMatchObject({ ok: true, position: { kind: 'question', node: { id: 'is-critical', text: 'Is it critical?' } } })
  })

  it('reaches "roll back now" when it is critical, timed by the answer that decided it', () => {
    const r = answerDecision(DEFAULT_DECISION_TREE, [], answer('is-critical', 'yes', T0 + 3 * MINUTE))
    expect(r).toMatchObject({ ok: true, position: { kind: 'outcome', node: { outcome: 'rollback-now' }, decidedAt: T0 + 3 * MINUTE } })
  })

  it('reaches "fix in place" and "roll back, fix, redeploy" through the second question', () => {
    const first = answerDecision(DEFAULT_DECISION_TREE, [], answer('is-critical', 'no'))
    if (!first.ok) throw new Error(first.reasons.join())
    expect(first.position).toMatchObject({ kind: 'question', node: { id: 'fix-quickly' } })
    const fix = answerDecision(DEFAULT_DECISION_TREE, first.answers, answer('fix-quickly', 'yes'))
    expect(fix).toMatchObject({ ok: true, position: { kind: 'outcome', node: { outcome: 'fix-in-place' } } })
    const redeploy = answerDecision(DEFAULT_DECISION_TREE, first.answers, answer('fix-quickly', 'no'))
    expect(redeploy).toMatchObject({ ok: true, position: { kind: 'outcome', node: { outcome: 'rollback-fix-redeploy' } } })
    if (redeploy.ok) expect(redeploy.answers.map((a) => a.nodeId)).toEqual(['is-critical', 'fix-quickly'])
  })

  it('refuses an answer to a question that is not current: ahead, already answered or unknown', () => {
    expect(answerDecision(DEFAULT_DECISION_TREE, [], answer('fix-quickly', 'yes'))).toEqual({
      ok: false,
      reasons: ['"fix-quickly" is not the current question; answer "Is it critical?" first.']
    })
    const one = [answer('is-critical', 'no')]
    expect(answerDecision(DEFAULT_DECISION_TREE, one, answer('is-critical', 'yes'))).toEqual({
      ok: false,
      reasons: ['"is-critical" was already answered "no" by Dana Okafor; the current question is "Can we fix it quickly?".']
    })
    expect(answerDecision(DEFAULT_DECISION_TREE, [], answer('nope', 'yes'))).toEqual({
      ok: false,
      reasons: ['There is no node "nope" in this decision tree; the current question is "Is it critical?".']
    })
  })

  it('refuses an answer after the decision, without a rationale, or from an observer', () => {
    const decided = [answer('is-critical', 'yes')]
    expect(answerDecision(DEFAULT_DECISION_TREE, decided, answer('fix-quickly', 'no'))).toEqual({
      ok: false,
      reasons: ['The decision is already made: Roll back immediately. Record a new incident if the situation has changed.']
    })
    expect(answerDecision(DEFAULT_DECISION_TREE, [], { ...answer('is-critical', 'yes'), rationale: ' ' })).toEqual({
      ok: false,
      reasons: ['Say why: each answer in the decision tree is recorded with a rationale.']
    })
    expect(answerDecision(DEFAULT_DECISION_TREE, [], { ...answer('is-critical', 'yes'), actor: olu })).toEqual({
      ok: false,
      reasons: ['Observers can watch and add notes but not answer the decision tree; ask a participant with a role in this window.']
    })
  })

  it('refuses a stored history that does not follow the tree, and a tree that cannot be walked', () => {
    expect(walkDecision(DEFAULT_DECISION_TREE, [answer('fix-quickly', 'yes')])).toEqual({
      ok: false,
      reasons: ['Answer 1 is to "fix-quickly", but the question at that point was "is-critical" (Is it critical?).']
    })
    expect(walkDecision(DEFAULT_DECISION_TREE, [answer('is-critical', 'yes'), { ...answer('fix-quickly', 'no'), actor: sam }])).toEqual({
      ok: false,
      reasons: ['Answer 2 (to "fix-quickly") comes after the decision was already made: Roll back immediately.']
    })
    expect(walkDecision({ ...DEFAULT_DECISION_TREE, root: 'x' }, [])).toEqual({
      ok: false,
      reasons: ['The decision tree cannot be walked. The root "x" is not a node in this tree; set root to the id of the first question.']
    })
  })

  it('knows which outcomes start the rollback procedure', () => {
    expect(outcomeRollsBack('rollback-now')).toBe(true)
    expect(outcomeRollsBack('rollback-fix-redeploy')).toBe(true)
    expect(outcomeRollsBack('fix-in-place')).toBe(false)
  })
})
