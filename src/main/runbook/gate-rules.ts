import type { Role } from '../../shared/roles'
import { ROLE_LABELS } from '../../shared/roles'
import { STAGE_ORDER, type ReleaseStatus } from '../../shared/release'
import type { Approval, ChecklistItem, GateId, GateState, TemplateGate, Vote } from '../../shared/runbook'
import { GATE_IDS } from '../../shared/runbook'
import type { ReviewProgress } from '../../shared/review'
import { reviewBlockers } from '../review/review-criterion'

/** The gate that leads out of a stage, or undefined at the end of the path or off it. */
export function gateAfter(status: ReleaseStatus): GateId | undefined {
  const i = STAGE_ORDER.indexOf(status)
  if (i < 0 || i === STAGE_ORDER.length - 1) return undefined
  return STAGE_ORDER[i + 1] as GateId
}

export function gatePosition(gate: GateId, status: ReleaseStatus): GateState['position'] {
  const reached = STAGE_ORDER.indexOf(status)
  const target = STAGE_ORDER.indexOf(gate)
  if (reached < 0) return 'later' // rolled back or aborted: no gate is ahead, none counts as next
  if (target <= reached) return 'passed'
  return target === reached + 1 ? 'next' : 'later'
}

const SETTLED = new Set(['done', 'waived', 'n/a'])

/** Votes that still count: each person's latest vote on this gate. Superseded votes stay in the record only. */
export function currentVotes(votes: readonly Vote[], gate: GateId): Vote[] {
  return votes.filter((v) => v.gate === gate && v.supersededBy === null).sort((a, b) => b.at.localeCompare(a.at))
}

/**
 * A role approves when at least one person holding it has a current "go" and nobody holding it has a current
 * "no-go": one dissenting SRE blocks the gate until they change their mind, however many others said go.
 */
export function approvalOf(role: Role, current: readonly Vote[]): Approval {
  const mine = current.filter((v) => v.actor.role === role)
  const verdict = mine.some((v) => v.verdict === 'no-go') ? 'no-go' : mine.some((v) => v.verdict === 'go') ? 'go' : 'pending'
  return {
    role,
    verdict,
    votes: mine.map((v) => ({ name: v.actor.name, verdict: v.verdict, rationale: v.rationale, at: v.at }))
  }
}

function list(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

/**
 * Everything that decides whether a gate opens, with each unmet criterion as a sentence a person can act on. The
 * `closed` gate also holds the post-release review ("Release closure completed: chapter closed, lessons learned"),
 * judged from its progress when the caller passes it.
 */
export function evaluateGate(
  def: TemplateGate,
  status: ReleaseStatus,
  items: readonly ChecklistItem[],
  votes: readonly Vote[],
  review?: ReviewProgress
): GateState {
  const inGate = items.filter((i) => def.phases.includes(i.phase))
  const open = inGate.filter((i) => i.required && !SETTLED.has(i.status))
  const required = inGate.filter((i) => i.required)
  const current = currentVotes(votes, def.id)
  const approvals = def.approvers.map((role) => approvalOf(role, current))

  const blockers: string[] = []
  if (open.length) {
    const names = open.map((i) => `${i.title} (${ROLE_LABELS[i.ownerRole]}${i.status === 'blocked' ? ', blocked' : ''})`)
    blockers.push(`${open.length} required item${open.length === 1 ? '' : 's'} not done: ${list(names)}`)
  }
  for (const a of approvals.filter((x) => x.verdict === 'no-go')) {
    for (const v of a.votes.filter((x) => x.verdict === 'no-go')) {
      blockers.push(`${ROLE_LABELS[a.role]} ${v.name} voted no-go: "${v.rationale}"`)
    }
  }
  const pending = approvals.filter((a) => a.verdict === 'pending').map((a) => ROLE_LABELS[a.role])
  if (pending.length) blockers.push(`Waiting for a go vote from ${list(pending)}`)
  if (def.id === 'closed' && review) blockers.push(...reviewBlockers(review))

  return {
    id: def.id,
    title: def.title,
    position: gatePosition(def.id, status),
    satisfied: blockers.length === 0,
    items: {
      total: required.length,
      settled: required.length - open.length,
      open: open.map((i) => ({ id: i.id, title: i.title, ownerRole: i.ownerRole, status: i.status }))
    },
    approvals,
    blockers
  }
}

export function evaluateGates(
  defs: readonly TemplateGate[],
  status: ReleaseStatus,
  items: readonly ChecklistItem[],
  votes: readonly Vote[],
  review?: ReviewProgress
): GateState[] {
  return GATE_IDS.map((id) => defs.find((d) => d.id === id))
    .filter((d): d is TemplateGate => d !== undefined)
    .map((d) => evaluateGate(d, status, items, votes, review))
}
