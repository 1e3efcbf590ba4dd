import type { HandlerContext } from '../api/handler-context'
import { NotFoundError } from '../api/domain-error'
import type { Room } from '../../shared/room'
import type { Release } from '../../shared/release'
import type { GateState, VoteSnapshot, GateId } from '../../shared/runbook'
import { evaluateGates } from './gate-rules'
import { readRolloutPart } from '../rollout/rollout-room'
import { readSignalPart } from '../signals/signal-room'
import { readUpdatesPart } from '../updates/update-room'
import { reviewProgress } from '../review/review-criterion'

export function requireRelease(ctx: HandlerContext, releaseId: string): Release {
  const release = ctx.releases.get(releaseId)
  if (!release) throw new NotFoundError('release', releaseId)
  return release
}

export function gateStates(ctx: HandlerContext, release: Release): GateState[] {
  return evaluateGates(ctx.releases.gates(release.id), release.status, ctx.checklist.list(release.id), ctx.votes.list(release.id), reviewProgress(ctx.reviews.get(release.id)))
}

/** The one read a client needs to draw the room. */
export function readRoom(ctx: HandlerContext, releaseId: string): Room {
  const release = requireRelease(ctx, releaseId)
  const checklist = ctx.checklist.list(releaseId)
  const votes = ctx.votes.list(releaseId)
  return {
    release,
    checklist,
    gates: evaluateGates(ctx.releases.gates(releaseId), release.status, checklist, votes, reviewProgress(ctx.reviews.get(releaseId))),
    votes,
    timeline: ctx.timeline.head(releaseId),
    releaseNotes: ctx.closure.notes(releaseId),
    outcomes: ctx.closure.outcomes(releaseId, release.successCriteria),
    ...readRolloutPart(ctx, releaseId),
    ...readSignalPart(ctx, releaseId),
    ...readUpdatesPart(ctx, release)
  }
}

/** What a voter sees at the instant of voting: the gate's criteria and who has said what. */
export function snapshotFor(ctx: HandlerContext, release: Release, gate: GateState, id: GateId): VoteSnapshot {
  return {
    stage: release.status,
    gate: id,
    satisfied: gate.satisfied,
    openItems: gate.items.open.map((i) => ({ title: i.title, ownerRole: i.ownerRole, status: i.status })),
    approvals: gate.approvals.map((a) => ({ role: a.role, verdict: a.verdict })),
    health: readSignalPart(ctx, release.id).signals.map((s) => ({
      name: s.definition.name,
      state: s.status.state,
      value: s.status.value ?? null,
      unit: s.definition.unit
    }))
  }
}
