import type { Handler } from '../api/handlers'
import type { HandlerContext } from '../api/handler-context'
import { RuleViolation } from '../api/domain-error'
import { isAccountableOwner } from '../runbook/release-rules'
import { requireRelease } from '../runbook/room-state'
import { nowIso, record } from '../timeline/record'
import { ROLE_LABELS, type Role } from '../../shared/roles'
import { doraFigures } from './dora'
import { deploymentsOf, historyRow, releaseHistory, type ReleaseHistory } from './release-history'
import { trendPoints } from './trends'
import { errorBudget, type AvailabilityReading } from './error-budget'
import type { AvailabilityOf } from './availability-source'
import { reportAvailability } from '../report/report-availability'
import { commitTimeProblem } from './commit-time'

const DAY = 86_400_000
/** The DORA survey's horizon: a quarter is long enough for a band to mean something, short enough to be current. */
const DEFAULT_DORA_DAYS = 90
const DEFAULT_TREND_DAYS = { week: 12 * 7, month: 365 } as const

/** Who owns a service's objective: the SRE, and the DevOps lead who runs the windows it constrains. */
const SLO_SETTERS: readonly Role[] = ['sre', 'devops-lead']

function historyOf(ctx: HandlerContext): ReleaseHistory[] {
  return releaseHistory({
    releases: ctx.releases.list(),
    production: ctx.history.productionEntries(),
    incidents: ctx.history.incidents(),
    rollbacks: ctx.history.rollbacks()
  })
}

function windowOf(ctx: HandlerContext, input: { from?: string; to?: string }, days: number): { from: number; to: number } {
  const to = input.to ? Date.parse(input.to) : ctx.clock.now()
  const from = input.from ? Date.parse(input.from) : to - days * DAY
  if (from >= to) throw new RuleViolation(`The window must end after it starts: from ${new Date(from).toISOString()} is not before ${new Date(to).toISOString()}.`)
  return { from, to }
}

export interface HistoryDeps {
  availabilityOf: AvailabilityOf
}

/** The history's handlers, with the availability source injected so tests and the release report can supply it. */
export function createHistoryHandlers(deps: HistoryDeps) {
  const dora: Handler<'history.dora'> = (input, ctx) =>
    doraFigures(deploymentsOf(historyOf(ctx)), windowOf(ctx, input, DEFAULT_DORA_DAYS), input.service)

  const releases: Handler<'history.releases'> = (input, ctx) =>
    historyOf(ctx)
      .filter((h) => !input.service || h.release.service === input.service)
      .map(historyRow)

  const trends: Handler<'history.trends'> = (input, ctx) => {
    const window = windowOf(ctx, input, DEFAULT_TREND_DAYS[input.bucket])
    return {
      service: input.service ?? null,
      bucket: input.bucket,
      window: { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString() },
      points: trendPoints(deploymentsOf(historyOf(ctx)), window, input.bucket, input.service)
    }
  }

  const setSlo: Handler<'history.slo.set'> = (input, ctx) => {
    if (!SLO_SETTERS.includes(input.actor.role)) {
      throw new RuleViolation(`Only an SRE or the DevOps lead sets a service's SLO; you are acting as ${ROLE_LABELS[input.actor.role]}.`)
    }
    return ctx.history.setSlo({
      service: input.service,
      targetPercent: input.targetPercent,
      windowDays: input.windowDays,
      reason: input.reason || null,
      by: input.actor,
      at: nowIso(ctx)
    })
  }

  const listSlos: Handler<'history.slo.list'> = (_input, ctx) => ctx.history.slos()

  const budget: Handler<'history.errorBudget'> = (input, ctx) => {
    const readings: AvailabilityReading[] = []
    for (const r of ctx.releases.list()) {
      if (r.service !== input.service) continue
      const a = deps.availabilityOf(ctx, r.id)
      if (a) readings.push({ releaseId: r.id, title: r.title, value: a.value, from: a.window.from, to: a.window.to })
    }
    return errorBudget(input.service, ctx.history.slo(input.service), readings, ctx.clock.now())
  }

  const setCommitAt: Handler<'releases.commitAt.set'> = (input, ctx) => {
    const release = requireRelease(ctx, input.releaseId)
    if (input.actor.role !== 'devops-lead' && input.actor.role !== 'tech-lead' && !isAccountableOwner(release, input.actor)) {
      throw new RuleViolation(`Only the tech lead, the DevOps lead or the accountable owner (${release.owner}) can set the commit time.`)
    }
    const commitAt = input.commitAt === null ? null : new Date(input.commitAt).toISOString()
    if (commitAt !== null) {
      const deployed = ctx.history.productionEntries().find((p) => p.releaseId === release.id)?.at ?? null
      const problem = commitTimeProblem(Date.parse(commitAt), ctx.clock.now(), deployed)
      if (problem) throw new RuleViolation(problem)
    }
    const updated = ctx.releases.setCommitAt(release.id, commitAt, nowIso(ctx))
    record(ctx, {
      releaseId: release.id,
      kind: 'release.commit-set',
      actor: input.actor,
      summary: commitAt === null ? 'Cleared the commit time' : `Set the commit time to ${commitAt}${release.commitAt ? ` (was ${release.commitAt})` : ''}`,
      data: { commitAt, previous: release.commitAt ?? null }
    })
    ctx.emit({ type: 'release.updated', release: ctx.releases.get(updated.id)! })
    return ctx.releases.get(updated.id)!
  }

  return {
    'history.dora': dora,
    'history.releases': releases,
    'history.trends': trends,
    'history.slo.set': setSlo,
    'history.slo.list': listSlos,
    'history.errorBudget': budget,
    'releases.commitAt.set': setCommitAt
  }
}

export const historyHandlers = createHistoryHandlers({ availabilityOf: reportAvailability })
