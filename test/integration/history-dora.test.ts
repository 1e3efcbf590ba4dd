import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Release } from '../../src/shared/release'
import type { DoraFigures } from '../../src/shared/dora'
import type { ErrorBudget, HistoryTrends, ReleaseHistoryRow, ServiceSlo } from '../../src/shared/history'
import type { IncidentView } from '../../src/shared/room-rollout'
import type { SignalView } from '../../src/shared/room-signals'
import type { SignalDefinitionInput } from '../../src/shared/signal'
import type { TimelineEntry } from '../../src/shared/timeline'
import { createDispatch } from '../../src/main/api/dispatch'
import { handlers } from '../../src/main/api/handlers'
import { createHistoryHandlers } from '../../src/main/history/history-handlers'
import type { ReleaseAvailability } from '../../src/main/history/availability-source'
import { testRoom } from '../support/room'
import { releaseInput } from '../support/fixtures'
import { advanceTo, caller, people, threeSteps } from '../unit/rollout/room-helpers'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const jan = (day: number, hour = 0, minute = 0) => Date.UTC(2026, 0, day, hour, minute)
const iso = (t: number) => new Date(t).toISOString()

let t: ReturnType<typeof testRoom>
beforeEach(() => {
  t = testRoom()
})
afterEach(() => t.dispose())

const { call, refusal } = caller(() => t.room)
const dana = people['devops-lead']

/** Creates a release an hour before `deployedAt` and takes it into production then, on the test's clock. */
function deploy(title: string, deployedAt: number, overrides: Record<string, unknown> = {}): string {
  t.clock.set(deployedAt - HOUR)
  const id = call<Release>('releases.create', releaseInput({ title, ...overrides })).id
  call('rollout.plan.set', { releaseId: id, plan: threeSteps(60), actor: dana })
  t.clock.set(deployedAt)
  advanceTo(() => t.room, id, 'production')
  call('rollout.start', { releaseId: id, actor: dana })
  return id
}

function answer(releaseId: string, incidentId: string, nodeId: string, a: 'yes' | 'no') {
  call('incidents.answer', { releaseId, incidentId, nodeId, answer: a, rationale: 'as the room agreed', actor: dana })
}

/**
 * Four deployments in January 2026 with known answers, one outside the window, one that never reached production:
 *   A checkout  Jan 3 10:00, committed 2 h before                         → lead 2 h
 *   B checkout  Jan 7 12:00, committed 36 h before; incident at +30 min,
 *               rolled back, rollback done at +41 min                      → failed, restore 11 min, lead 36 h
 *   C checkout  Jan 11 09:00, no commit time; incident fixed in place,
 *               resolved 90 min after detection                            → failed, restore 90 min
 *   D payments  Jan 15 06:00, committed 48 h before                        → lead 48 h
 *   E checkout  staging only                                               → not a deployment
 *   F checkout  Feb 10 10:00                                               → outside January
 */
function seedJanuary() {
  const a = deploy('A', jan(3, 10), { commitAt: iso(jan(3, 8)) })

  const b = deploy('B', jan(7, 12), { commitAt: iso(jan(6, 0)) })
  t.clock.advance(30 * MINUTE)
  const incB = call<IncidentView>('incidents.open', { releaseId: b, severity: 'high', summary: 'Card payments failing', actor: people.sre })
  t.clock.advance(4 * MINUTE)
  answer(b, incB.id, 'is-critical', 'yes')
  t.clock.advance(7 * MINUTE)
  for (const [stepId, who] of [['announce', dana], ['revert', dana], ['verify', people.sre], ['notify', people['product-owner']]] as const) {
    call('rollback.completeStep', { releaseId: b, stepId, actor: who })
  }

  const c = deploy('C', jan(11, 9))
  t.clock.advance(HOUR)
  const incC = call<IncidentView>('incidents.open', { releaseId: c, severity: 'medium', summary: 'Wrong currency on receipts', actor: people.sre })
  answer(c, incC.id, 'is-critical', 'no')
  answer(c, incC.id, 'fix-quickly', 'yes')
  t.clock.advance(90 * MINUTE)
  call('incidents.resolve', { releaseId: c, incidentId: incC.id, resolution: 'Template fix shipped', actor: dana })

  const d = deploy('D', jan(15, 6), { service: 'payments', commitAt: iso(jan(13, 6)) })

  t.clock.set(jan(20))
  const e = call<Release>('releases.create', releaseInput({ title: 'E' })).id
  advanceTo(() => t.room, e, 'staging')

  const f = deploy('F', Date.UTC(2026, 1, 10, 10))
  return { a, b, c, d, e, f }
}

const january = { from: '2026-01-01T00:00:00Z', to: '2026-01-31T00:00:00Z' }

describe('history.dora over releases driven through the room', () => {
  it('computes each of the four keys and its band from the record', () => {
    seedJanuary()
    const all = call<DoraFigures>('history.dora', january)
    expect(all.window).toEqual({ from: '2026-01-01T00:00:00.000Z', to: '2026-01-31T00:00:00.000Z', days: 30 })
    expect(all.service).toBeNull()
    // A, B, C, D: four deployments in 30 days, below one a week.
    expect(all.deploymentFrequency).toMatchObject({ value: 4 / 30, unit: 'per day', band: 'medium', basis: 4 })
    // A 2 h, B 36 h, D 48 h (C has no commit time): median 36 h, within a week.
    expect(all.leadTimeForChanges).toMatchObject({ value: 36, unit: 'hours', band: 'high', basis: 3 })
    // B rolled back, C fixed in place.
    expect(all.changeFailureRate).toMatchObject({ value: 0.5, band: 'low', basis: 4, explanation: '2 of 4 deployments needed a rollback or fix' })
    // B 11 min, C 90 min: median 50.5 min, under an hour.
    expect(all.timeToRestore).toMatchObject({ value: 50.5, unit: 'minutes', band: 'elite', basis: 2 })
  })

  it('narrows to one service', () => {
    seedJanuary()
    const checkout = call<DoraFigures>('history.dora', { ...january, service: 'checkout' })
    expect(checkout.service).toBe('checkout')
    expect(checkout.deploymentFrequency).toMatchObject({ value: 3 / 30, band: 'medium', basis: 3 })
    expect(checkout.leadTimeForChanges).toMatchObject({ value: 19, band: 'elite', basis: 2 })
    expect(checkout.changeFailureRate).toMatchObject({ value: 2 / 3, band: 'low' })
    expect(checkout.timeToRestore).toMatchObject({ value: 50.5, band: 'elite' })

    const payments = call<DoraFigures>('history.dora', { ...january, service: 'payments' })
    expect(payments.deploymentFrequency).toMatchObject({ value: 1 / 30, band: 'medium', basis: 1 })
    expect(payments.leadTimeForChanges).toMatchObject({ value: 48, band: 'high' })
    expect(payments.changeFailureRate).toMatchObject({ value: 0, band: 'elite' })
    expect(payments.timeToRestore).toMatchObject({ value: null, band: 'no-data', basis: 0 })
  })

  it('counts only deployments inside the window, and defaults to the 90 days ending now', () => {
    seedJanuary()
    const week = call<DoraFigures>('history.dora', { from: '2026-01-06T00:00:00Z', to: '2026-01-12T00:00:00Z' })
    expect(week.deploymentFrequency).toMatchObject({ value: 2 / 6, band: 'high', basis: 2 })
    expect(week.changeFailureRate).toMatchObject({ value: 1, band: 'low' })
    expect(week.leadTimeForChanges).toMatchObject({ value: 36, basis: 1 })

    t.clock.set(Date.UTC(2026, 1, 11))
    const recent = call<DoraFigures>('history.dora', {})
    expect(recent.window).toEqual({ from: iso(Date.UTC(2026, 1, 11) - 90 * DAY), to: '2026-02-11T00:00:00.000Z', days: 90 })
    expect(recent.deploymentFrequency).toMatchObject({ value: 5 / 90, basis: 5 })

    expect(refusal('history.dora', { from: january.to, to: january.from })).toMatchObject({ code: 'invalid_input', issues: [{ path: 'to', message: 'from must be before to' }] })
  })

  it('lists every release with its deployment, failure, restore and lead time', () => {
    const ids = seedJanuary()
    const rows = call<ReleaseHistoryRow[]>('history.releases', {})
    const byTitle = Object.fromEntries(rows.map((r) => [r.title, r]))
    expect(rows).toHaveLength(6)
    expect(byTitle.A).toMatchObject({ id: ids.a, deployedAt: iso(jan(3, 10)), failed: false, failure: null, restoreMinutes: [], leadTimeHours: 2 })
    expect(byTitle.B).toMatchObject({ status: 'rolled-back', failed: true, failure: 'rolled back', restoreMinutes: [11], leadTimeHours: 36 })
    expect(byTitle.C).toMatchObject({ status: 'production', failed: true, failure: 'incident: fix in place', restoreMinutes: [90], leadTimeHours: null })
    expect(byTitle.E).toMatchObject({ status: 'staging', deployedAt: null, failed: false, leadTimeHours: null })
    expect(call<ReleaseHistoryRow[]>('history.releases', { service: 'payments' }).map((r) => r.title)).toEqual(['D'])
  })

  it('gives the four keys per week for the trend charts', () => {
    seedJanuary()
    const weekly = call<HistoryTrends>('history.trends', { ...january, bucket: 'week' })
    expect(weekly.points.map((p) => [p.label, p.from.slice(0, 10), p.deployments, p.failures])).toEqual([
      ['2025-12-29', '2026-01-01', 1, 0],
      ['2026-01-05', '2026-01-05', 2, 2],
      ['2026-01-12', '2026-01-12', 1, 0],
      ['2026-01-19', '2026-01-19', 0, 0],
      ['2026-01-26', '2026-01-26', 0, 0]
    ])
    // The first week is cut to the window's four days.
    expect(weekly.points[0]).toMatchObject({ deploymentsPerDay: 0.25, leadTimeHours: 2, changeFailureRate: 0 })
    expect(weekly.points[1]).toMatchObject({ changeFailureRate: 1, timeToRestoreMinutes: 50.5, leadTimeHours: 36, bands: { changeFailureRate: 'low', timeToRestore: 'elite' } })
    expect(weekly.points[3]).toMatchObject({ deploymentsPerDay: 0, changeFailureRate: null, bands: { deploymentFrequency: 'no-data' } })

    const monthly = call<HistoryTrends>('history.trends', { from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z', bucket: 'month', service: 'checkout' })
    expect(monthly.points.map((p) => [p.label, p.deployments])).toEqual([
      ['2026-01', 3],
      ['2026-02', 1]
    ])
  })
})

describe('commit times', () => {
  it('are set after creation by the tech lead, recorded on the timeline, and refused after production', () => {
    t.clock.set(jan(10, 12))
    const id = call<Release>('releases.create', releaseInput()).id
    const set = call<Release>('releases.commitAt.set', { releaseId: id, commitAt: '2026-01-10T09:30:00Z', actor: people['tech-lead'] })
    expect(set.commitAt).toBe('2026-01-10T09:30:00.000Z')
    const entries = call<TimelineEntry[]>('timeline.list', { releaseId: id })
    expect(entries[0]).toMatchObject({ kind: 'release.commit-set', actor: people['tech-lead'], summary: 'Set the commit time to 2026-01-10T09:30:00.000Z' })

    expect(refusal('releases.commitAt.set', { releaseId: id, commitAt: '2026-01-10T09:30:00Z', actor: people.observer }).message).toMatch(/^Only the tech lead, the DevOps lead or the accountable owner/)
    expect(refusal('releases.commitAt.set', { releaseId: id, commitAt: '2026-01-11T00:00:00Z', actor: dana }).message).toMatch(/is in the future/)
    expect(refusal('releases.create', releaseInput({ commitAt: '2026-02-01T00:00:00Z' })).message).toMatch(/is in the future/)

    advanceTo(() => t.room, id, 'production')
    t.clock.advance(DAY)
    expect(refusal('releases.commitAt.set', { releaseId: id, commitAt: '2026-01-11T00:00:00Z', actor: dana }).message).toMatch(/after the release entered production/)
  })
})

describe('the error budget', () => {
  it('is refused to all but an SRE or the DevOps lead, and keeps who set it and the target it replaced', () => {
    t.clock.set(jan(20))
    expect(refusal('history.slo.set', { service: 'checkout', targetPercent: 99.9, actor: people['product-owner'] }).message).toBe(
      "Only an SRE or the DevOps lead sets a service's SLO; you are acting as Product owner."
    )
    expect(refusal('history.slo.set', { service: 'checkout', targetPercent: 0.999, actor: people.sre }).code).toBe('invalid_input')
    call<ServiceSlo>('history.slo.set', { service: 'checkout', targetPercent: 99.5, actor: people.sre })
    t.clock.advance(HOUR)
    const slo = call<ServiceSlo>('history.slo.set', { service: 'checkout', targetPercent: 99.9, reason: 'Checkout is tier 1', actor: dana })
    expect(slo).toEqual({
      service: 'checkout',
      targetPercent: 99.9,
      windowDays: 30,
      setBy: dana,
      setAt: '2026-01-20T01:00:00.000Z',
      previousTargetPercent: 99.5,
      reason: 'Checkout is tier 1'
    })
    expect(call<ServiceSlo[]>('history.slo.list', {})).toEqual([slo])
    expect(call<ErrorBudget>('history.errorBudget', { service: 'payments' })).toMatchObject({ status: 'no-slo', budgetMinutes: null })
  })

  it('spends the budget from each release availability, through an injected source', () => {
    const now = jan(20, 12)
    t.clock.set(now - 2 * DAY)
    const a = call<Release>('releases.create', releaseInput({ title: 'A' })).id
    const b = call<Release>('releases.create', releaseInput({ title: 'B' })).id
    const other = call<Release>('releases.create', releaseInput({ title: 'P', service: 'payments' })).id
    t.clock.set(now)
    call('history.slo.set', { service: 'checkout', targetPercent: 99.9, windowDays: 30, actor: people.sre })

    const readings: Record<string, ReleaseAvailability> = {
      // 600 min at 99.9% → 0.6 min down; 120 min at 95% → 6 min down; payments does not count against checkout.
      [a]: { value: 0.999, window: { from: now - 2 * DAY, to: now - 2 * DAY + 600 * MINUTE } },
      [b]: { value: 95, window: { from: now - DAY, to: now - DAY + 120 * MINUTE } },
      [other]: { value: 0.5, window: { from: now - DAY, to: now } }
    }
    const table = { ...handlers, ...createHistoryHandlers({ availabilityOf: (_ctx, releaseId) => readings[releaseId] ?? null }) }
    const dispatch = createDispatch({ db: t.room.db, clock: t.clock, ...t.room.stores }, t.room.bus, table)
    const out = dispatch('history.errorBudget', { service: 'checkout' })
    if (!out.ok) throw new Error(out.error.message)
    const budget = out.value as ErrorBudget
    expect(budget).toMatchObject({
      service: 'checkout',
      window: { from: iso(now - 30 * DAY), to: iso(now) },
      budgetMinutes: 43.2,
      consumedMinutes: 6.6,
      remainingMinutes: 36.6,
      measuredMinutes: 720,
      status: 'healthy'
    })
    expect(budget.consumedRatio).toBeCloseTo(6.6 / 43.2, 10)
    expect(budget.measurements.map((m) => [m.title, m.availability, m.downtimeMinutes])).toEqual([
      ['A', 0.999, 0.6],
      ['B', 0.95, 6]
    ])
  })

  it('spends the budget by the availability each release report records: its best-guess signal over production, or a hand-entered actual', () => {
    const avail = (name: string, role?: 'baseline'): SignalDefinitionInput => ({
      name,
      source: { kind: 'json', url: 'http://127.0.0.1:9/health', path: 'availability' },
      unit: '%',
      thresholds: { direction: 'below', warn: 99.9, critical: 99 },
      severity: 'high',
      ...(role ? { role } : {})
    })
    const measured = deploy('Measured', jan(20, 10))
    const own = call<SignalView>('signals.add', { releaseId: measured, signal: avail('Checkout availability'), actor: dana })
    const base = call<SignalView>('signals.add', { releaseId: measured, signal: avail('Availability', 'baseline'), actor: dana })
    const sid = (id: string) => t.room.stores.signals.get(id)!.sid
    // Before production the new version served nobody: an outage then is not this release's.
    t.room.stores.samples.insert(sid(own.id), jan(20, 9, 30), 0)
    // 100 minutes in production, alternating 98% and 100%: 99% → 1 minute down. The baseline watches the old version.
    for (let i = 0; i < 100; i++) t.room.stores.samples.insert(sid(own.id), jan(20, 10) + i * MINUTE, i % 2 ? 98 : 100)
    t.room.stores.samples.insert(sid(base.id), jan(20, 11), 0)
    t.clock.set(jan(20, 10, 100))
    advanceTo(() => t.room, measured, 'validating')

    const typed = deploy('Typed', jan(21, 10))
    call('reports.targets.set', { releaseId: typed, manual: { availability: 99.5 }, actor: dana })
    t.clock.set(jan(21, 10, 60))
    advanceTo(() => t.room, typed, 'validating')

    call('history.slo.set', { service: 'checkout', targetPercent: 99, windowDays: 7, actor: people.sre })
    const budget = call<ErrorBudget>('history.errorBudget', { service: 'checkout' })
    expect(budget.measurements.map((m) => [m.title, m.availability, m.from, m.to])).toEqual([
      ['Measured', 0.99, iso(jan(20, 10)), iso(jan(20, 11, 40))],
      ['Typed', 0.995, iso(jan(21, 10)), iso(jan(21, 11))]
    ])
    expect(budget.consumedMinutes).toBeCloseTo(1 + 0.3, 6)
  })

})
