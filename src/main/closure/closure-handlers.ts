import type { Handler } from '../api/handlers'
import { RuleViolation } from '../api/domain-error'
import { STAGE_ORDER } from '../../shared/release'
import { isAccountableOwner, refuseObserver } from '../runbook/release-rules'
import { requireRelease } from '../runbook/room-state'
import { nowIso, record } from '../timeline/record'

/** The playbook has the tech lead and product owner write the release documentation; the owner may too. */
const setNotes: Handler<'releases.notes.set'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  const refused =
    refuseObserver(input.actor, 'edit release notes') ??
    (['tech-lead', 'product-owner'].includes(input.actor.role) || isAccountableOwner(release, input.actor)
      ? undefined
      : `Release notes are written by the tech lead, the product owner or the accountable owner (${release.owner}).`)
  if (refused) throw new RuleViolation(refused)
  ctx.closure.setNotes(release.id, input.notes, input.actor, nowIso(ctx))
  const filled = Object.entries(input.notes).filter(([, v]) => v.trim()).map(([k]) => k)
  record(ctx, {
    releaseId: release.id,
    kind: 'release.notes-edited',
    actor: input.actor,
    summary: `Edited the release notes (${filled.join(', ') || 'cleared'})`,
    data: { sections: filled }
  })
  return ctx.closure.notes(release.id)
}

/**
 * The outcome is measured after the release is live, by the product owner (who owns the "why") or the accountable
 * owner. Measuring again keeps the earlier measurement in the record; the latest one is shown.
 */
const recordOutcome: Handler<'outcomes.record'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  const criterion = release.successCriteria[input.criterion]
  const reached = STAGE_ORDER.indexOf(release.status)
  const refused =
    refuseObserver(input.actor, 'record outcomes') ??
    (!criterion ? `This release has ${release.successCriteria.length} success criteria; there is no criterion ${input.criterion}.` : undefined) ??
    (reached >= 0 && reached < STAGE_ORDER.indexOf('production') ? `Outcomes are measured once the release is live; it is ${release.status}.` : undefined) ??
    (input.actor.role === 'product-owner' || isAccountableOwner(release, input.actor)
      ? undefined
      : `Outcomes are recorded by the product owner or the accountable owner (${release.owner}).`)
  if (refused || !criterion) throw new RuleViolation(refused ?? 'No such criterion.')
  ctx.closure.record({ ...input, releaseId: release.id, at: nowIso(ctx) })
  record(ctx, {
    releaseId: release.id,
    kind: 'outcome.recorded',
    actor: input.actor,
    summary: `"${criterion.description}" ${input.result}${input.measured ? `: ${input.measured}` : ''}${criterion.target ? ` (target ${criterion.target})` : ''}`,
    data: { criterion: input.criterion, result: input.result, measured: input.measured, note: input.note }
  })
  return ctx.closure.outcomes(release.id, release.successCriteria)[input.criterion]
}

export const closureHandlers = { 'releases.notes.set': setNotes, 'outcomes.record': recordOutcome }
