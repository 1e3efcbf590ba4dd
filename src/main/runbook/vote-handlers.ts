import type { Handler } from '../api/handlers'
import { RuleViolation } from '../api/domain-error'
import { ROLE_LABELS } from '../../shared/roles'
import { refuseVote } from './release-rules'
import { gateStates, requireRelease, snapshotFor } from './room-state'
import { nowIso, record } from '../timeline/record'

/**
 * A vote is never edited: a changed mind is a new vote that supersedes the person's previous one on the same gate,
 * and both stay. The vote keeps a snapshot of the gate as the voter saw it.
 */
const vote: Handler<'decisions.vote'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  const gate = gateStates(ctx, release).find((g) => g.id === input.gate)
  const refused = refuseVote(release, input.gate, gate, input.actor)
  if (refused || !gate) throw new RuleViolation(refused ?? `No gate "${input.gate}".`)
  const id = ctx.votes.cast({
    releaseId: release.id,
    gate: input.gate,
    verdict: input.verdict,
    rationale: input.rationale,
    actor: input.actor,
    at: nowIso(ctx),
    snapshot: snapshotFor(ctx, release, gate, input.gate)
  })
  const cast = ctx.votes.list(release.id).find((v) => v.id === id)!
  record(ctx, {
    releaseId: release.id,
    kind: 'decision.vote',
    actor: input.actor,
    summary: `${ROLE_LABELS[input.actor.role]} voted ${input.verdict} on "${gate.title}"${cast.supersedes ? ' (changing an earlier vote)' : ''}: ${input.rationale}`,
    data: { voteId: id, gate: input.gate, verdict: input.verdict, supersedes: cast.supersedes, openItems: cast.snapshot.openItems.length }
  })
  return cast
}

export const voteHandlers = { 'decisions.vote': vote }
