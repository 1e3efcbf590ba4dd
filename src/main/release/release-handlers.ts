import type { Handler } from '../api/handlers'
import { DomainError, RuleViolation } from '../api/domain-error'
import { BUILTIN_TEMPLATES } from '../runbook/builtin-templates'
import { planAdvance, refuseEnded, refuseNotDriver } from '../runbook/release-rules'
import { gateStates, readRoom, requireRelease } from '../runbook/room-state'
import { nowIso, record } from '../timeline/record'
import { watchTemplateSignals } from '../signals/template-signals'
import { commitTimeProblem } from '../history/commit-time'

const create: Handler<'releases.create'> = (input, ctx) => {
  const template = input.templateId ? ctx.templates.get(input.templateId) : BUILTIN_TEMPLATES[input.strategy]
  if (!template) throw new DomainError('not_found', `No runbook template with id "${input.templateId}". See templates.list for the ones available.`)
  const commitProblem = input.commitAt ? commitTimeProblem(Date.parse(input.commitAt), ctx.clock.now(), null) : undefined
  if (commitProblem) throw new RuleViolation(commitProblem)
  const release = ctx.releases.insert({
    title: input.title,
    service: input.service,
    version: input.version,
    environment: input.environment ?? 'production',
    strategy: input.strategy,
    owner: input.owner,
    windowStart: input.windowStart ? new Date(input.windowStart).toISOString() : null,
    windowEnd: input.windowEnd ? new Date(input.windowEnd).toISOString() : null,
    createdBy: input.actor,
    at: nowIso(ctx),
    templateId: template.id,
    gates: template.gates,
    participants: input.participants ?? [],
    successCriteria: input.successCriteria ?? [],
    commitAt: input.commitAt ? new Date(input.commitAt).toISOString() : null
  })
  ctx.checklist.addAll(release.id, template.items)
  record(ctx, {
    releaseId: release.id,
    kind: 'release.created',
    actor: input.actor,
    summary: `Created ${release.title} (${release.service} ${release.version}, ${release.strategy}) from "${template.name}"; accountable owner ${release.owner}`,
    data: { templateId: template.id, items: template.items.length, windowStart: release.windowStart, windowEnd: release.windowEnd }
  })
  if (template.signals?.length) watchTemplateSignals(ctx, release.id, template.signals, input.actor)
  const created = ctx.releases.get(release.id)!
  ctx.emit({ type: 'release.created', release: created })
  return created
}

const list: Handler<'releases.list'> = (_input, ctx) => ctx.releases.list()

const get: Handler<'releases.get'> = (input, ctx) => readRoom(ctx, input.releaseId)

const advance: Handler<'releases.advance'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  const plan = planAdvance(release, gateStates(ctx, release), input.actor)
  if (!plan.ok) throw new RuleViolation(plan.message, plan.reasons.map((r) => ({ path: '', message: r })))
  const moved = ctx.releases.setStatus(release.id, plan.to, null, nowIso(ctx))
  record(ctx, {
    releaseId: release.id,
    kind: 'release.stage-changed',
    actor: input.actor,
    summary: `Moved from ${release.status} to ${plan.to}`,
    data: { from: release.status, to: plan.to }
  })
  ctx.emit({ type: 'release.updated', release: ctx.releases.get(moved.id)! })
  return readRoom(ctx, release.id)
}

const abort: Handler<'releases.abort'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  const refused = refuseEnded(release, 'aborting') ?? refuseNotDriver(release, input.actor, 'abort the release')
  if (refused) throw new RuleViolation(refused)
  ctx.releases.setStatus(release.id, 'aborted', input.reason, nowIso(ctx))
  record(ctx, {
    releaseId: release.id,
    kind: 'release.aborted',
    actor: input.actor,
    summary: `Aborted at ${release.status}: ${input.reason}`,
    data: { from: release.status, reason: input.reason }
  })
  ctx.emit({ type: 'release.updated', release: ctx.releases.get(release.id)! })
  return readRoom(ctx, release.id)
}

export const releaseHandlers = {
  'releases.create': create,
  'releases.list': list,
  'releases.get': get,
  'releases.advance': advance,
  'releases.abort': abort
}
