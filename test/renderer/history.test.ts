import { describe, expect, it } from 'vitest'
import type { DoraFigure, DoraFigures } from '../../src/shared/dora'
import type { ErrorBudget, ReleaseHistoryRow, TrendPoint } from '../../src/shared/history'
import type { WarRoomClient } from '../../src/renderer/src/client/war-room-client'
import { EMPTY_FILTER, filterHistory, servicesOf } from '../../src/renderer/src/history/history-filter'
import { formatFigure, formatFrequency, formatHours, tiles } from '../../src/renderer/src/history/dora-format'
import { bucketLabel, trendSeries } from '../../src/renderer/src/history/trend-series'
import { budgetBar } from '../../src/renderer/src/history/budget-bar'
import { createHistoryStore } from '../../src/renderer/src/history/history-store'

function row(title: string, over: Partial<ReleaseHistoryRow> = {}): ReleaseHistoryRow {
  return {
    id: title,
    title,
    service: 'checkout',
    version: '1.0.0',
    status: 'closed',
    strategy: 'canary',
    owner: 'Dana Okafor',
    createdAt: '2026-01-01T09:00:00.000Z',
    commitAt: null,
    deployedAt: '2026-01-02T10:00:00.000Z',
    failed: false,
    failure: null,
    restoreMinutes: [],
    leadTimeHours: null,
    ...over
  }
}

const rows = [
  row('Checkout 2.6', { deployedAt: '2026-01-05T10:00:00.000Z' }),
  row('Checkout 2.7', { status: 'rolled-back', failed: true, failure: 'rolled back', deployedAt: '2026-01-09T10:00:00.000Z', owner: 'Sam Lee' }),
  row('Payments 4.1', { service: 'payments', deployedAt: '2026-01-20T10:00:00.000Z' }),
  row('Search 1.0', { service: 'search', status: 'staging', deployedAt: null, createdAt: '2026-01-15T10:00:00.000Z' })
]
const titles = (f: Partial<typeof EMPTY_FILTER>) => filterHistory(rows, { ...EMPTY_FILTER, ...f }).map((r) => r.title)

describe('the history table filters', () => {
  it('narrows by service, stage and outcome', () => {
    expect(titles({ service: 'checkout' })).toEqual(['Checkout 2.6', 'Checkout 2.7'])
    expect(titles({ status: 'rolled-back' })).toEqual(['Checkout 2.7'])
    expect(titles({ outcome: 'failed' })).toEqual(['Checkout 2.7'])
    expect(titles({ outcome: 'ok' })).toEqual(['Checkout 2.6', 'Payments 4.1'])
    expect(titles({ outcome: 'undeployed' })).toEqual(['Search 1.0'])
  })

  it('narrows by the day of deployment (or creation, when never deployed), both ends inclusive', () => {
    expect(titles({ from: '2026-01-09', to: '2026-01-15' })).toEqual(['Checkout 2.7', 'Search 1.0'])
    expect(titles({ to: '2026-01-05' })).toEqual(['Checkout 2.6'])
  })

  it('searches every word across title, owner and failure', () => {
    expect(titles({ query: 'checkout sam' })).toEqual(['Checkout 2.7'])
    expect(titles({ query: 'ROLLED back' })).toEqual(['Checkout 2.7'])
    expect(titles({ query: 'nothing like this' })).toEqual([])
  })

  it('lists services from releases and SLOs, once each, sorted', () => {
    expect(servicesOf(rows, ['billing', 'checkout'])).toEqual(['billing', 'checkout', 'payments', 'search'])
  })
})

const figure = (value: number | null, over: Partial<DoraFigure> = {}): DoraFigure => ({ value, unit: '', band: value === null ? 'no-data' : 'high', basis: 1, explanation: '', ...over })

describe('the DORA tiles', () => {
  it('write frequency in the unit that reads as a whole number', () => {
    expect(formatFrequency(3)).toBe('3 / day')
    expect(formatFrequency(2 / 7)).toBe('2 / week')
    expect(formatFrequency(4 / 30)).toBe('4 / month')
  })

  it('write durations in minutes, hours or days, and a dash without data', () => {
    expect(formatFigure('timeToRestore', figure(50.5))).toBe('51 min')
    expect(formatFigure('timeToRestore', figure(4.5))).toBe('4.5 min')
    expect(formatFigure('leadTimeForChanges', figure(36))).toBe('36 h')
    expect(formatFigure('leadTimeForChanges', figure(100))).toBe('4.2 days')
    expect(formatFigure('changeFailureRate', figure(0.5))).toBe('50%')
    expect(formatFigure('changeFailureRate', figure(1 / 15))).toBe('6.7%')
    expect(formatFigure('changeFailureRate', figure(null))).toBe('—')
    expect(formatHours(null)).toBe('—')
  })

  it('come in DORA order with what each band asks', () => {
    const f = { window: { from: '', to: '', days: 90 }, service: null, deploymentFrequency: figure(1), leadTimeForChanges: figure(2), changeFailureRate: figure(0), timeToRestore: figure(null) } as DoraFigures
    const t = tiles(f)
    expect(t.map((x) => x.title)).toEqual(['Deployment frequency', 'Lead time for changes', 'Change failure rate', 'Time to restore'])
    expect(t[2].limits).toBe('Elite: ≤ 5% · High: ≤ 10% · Medium: ≤ 15%')
  })
})

describe('the trend charts', () => {
  const point = (label: string, over: Partial<TrendPoint>): TrendPoint => ({
    from: '',
    to: '',
    label,
    deployments: 0,
    failures: 0,
    deploymentsPerDay: 0,
    leadTimeHours: null,
    changeFailureRate: null,
    timeToRestoreMinutes: null,
    bands: { deploymentFrequency: 'no-data', leadTimeForChanges: 'no-data', changeFailureRate: 'no-data', timeToRestore: 'no-data' },
    ...over
  })

  it('label weeks by their Monday and months by name', () => {
    expect(bucketLabel('2026-01-19', 'week')).toBe('Jan 19')
    expect(bucketLabel('2026-03', 'month')).toBe('Mar 2026')
  })

  it('keep gaps where a bucket had nothing to measure, and show the failure rate in percent', () => {
    const series = trendSeries([point('2026-01-05', { deployments: 2, failures: 1, changeFailureRate: 0.5, leadTimeHours: 36.04 }), point('2026-01-12', {})], 'week')
    expect(series.map((s) => s.key)).toEqual(['deploymentFrequency', 'leadTimeForChanges', 'changeFailureRate', 'timeToRestore'])
    expect(series[0]).toMatchObject({ title: 'Deployments per week', labels: ['Jan 5', 'Jan 12'], values: [2, 0] })
    expect(series[1].values).toEqual([36, null])
    expect(series[2].values).toEqual([50, null])
    expect(series[3].values).toEqual([null, null])
  })
})

describe('the error budget bar', () => {
  const budget = (over: Partial<ErrorBudget>): ErrorBudget => ({
    service: 'checkout',
    slo: null,
    window: null,
    budgetMinutes: 43.2,
    consumedMinutes: 6.6,
    remainingMinutes: 36.6,
    consumedRatio: 6.6 / 43.2,
    measuredMinutes: 720,
    measuredAvailability: 0.99,
    measurements: [],
    status: 'healthy',
    explanation: '',
    ...over
  })

  it('fills the spent share and says what is left', () => {
    expect(budgetBar(budget({}))).toEqual({ spentPercent: (6.6 / 43.2) * 100, tone: 'ok', caption: '6.6 min of 43 min spent (15%)', remaining: '37 min left' })
  })

  it('fills the bar and counts the overspend when the budget is gone', () => {
    expect(budgetBar(budget({ consumedMinutes: 50, remainingMinutes: -6.8, consumedRatio: 50 / 43.2, status: 'exhausted' }))).toMatchObject({
      spentPercent: 100,
      tone: 'bad',
      remaining: '6.8 min over'
    })
  })

  it('draws no bar without an SLO', () => {
    expect(budgetBar(budget({ budgetMinutes: null, remainingMinutes: null, consumedRatio: null, status: 'no-slo' }))).toMatchObject({ tone: 'none', caption: 'No SLO set' })
  })
})

describe('the history store', () => {
  it('asks for the chosen service and period, and budgets for every service it knows', async () => {
    const calls: [string, unknown][] = []
    const client: WarRoomClient = {
      transport: 'http',
      call: (async (method: string, input: unknown) => {
        calls.push([method, input])
        if (method === 'history.releases') return rows
        if (method === 'history.slo.list') return [{ service: 'billing' }]
        if (method === 'history.errorBudget') return { service: (input as { service: string }).service }
        if (method === 'history.trends') return { points: [], bucket: (input as { bucket: string }).bucket }
        return { method }
      }) as WarRoomClient['call'],
      subscribe: () => () => undefined,
      onConnection: () => () => undefined
    }
    const store = createHistoryStore(client)
    await store.getState().setService('checkout')
    await store.getState().setBucket('month')
    expect(calls.filter(([m]) => m === 'history.dora').map(([, i]) => i)).toEqual([{ service: 'checkout' }, { service: 'checkout' }])
    expect(calls.filter(([m]) => m === 'history.trends').map(([, i]) => i)).toEqual([
      { service: 'checkout', bucket: 'week' },
      { service: 'checkout', bucket: 'month' }
    ])
    expect(store.getState().budgets.map((b) => b.service)).toEqual(['billing', 'checkout', 'payments', 'search'])
    expect(store.getState()).toMatchObject({ loaded: true, error: null, bucket: 'month' })
  })
})
