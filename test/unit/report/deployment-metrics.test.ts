import { describe, expect, it } from 'vitest'
import { deploymentMetrics, type MetricsInput } from '../../../src/main/report/deployment-metrics'
import { guessSignal } from '../../../src/main/report/metric-signal-guess'
import { DEFAULT_METRIC_TARGETS } from '../../../src/shared/report-targets'
import type { Figure } from '../../../src/shared/rollout'

const figure = (status: Figure['status'], minutes: number | null): Figure => ({
  startedAt: 0,
  endedAt: null,
  elapsedMs: minutes === null ? null : minutes * 60_000,
  targetMs: null,
  status
})

const signals = [
  { id: 'e-base', name: 'Baseline error rate', unit: '%', role: 'baseline' as const, windowMean: 0.01, windowCount: 10 },
  { id: 'e-can', name: 'Canary error rate', unit: '%', role: 'canary' as const, windowMean: 0.08, windowCount: 10 },
  { id: 'lat', name: 'Checkout p95 latency', unit: 'ms', windowMean: 230, windowCount: 10 },
  { id: 'probe', name: 'Uptime probe', unit: '%', windowMean: 1, windowCount: 0 }
]

function input(overrides: Partial<MetricsInput> = {}): MetricsInput {
  return {
    figures: { deployment: figure('met', 22.5), rollback: figure('not-started', null), decisions: [] },
    targets: DEFAULT_METRIC_TARGETS,
    settings: { targets: {}, signals: {}, manual: {} },
    signals,
    incidents: [{ severity: 'critical' }, { severity: 'low' }],
    windowStarted: true,
    ...overrides
  }
}

const row = (rows: ReturnType<typeof deploymentMetrics>, key: string) => rows.find((r) => r.key === key)!

describe('guessSignal', () => {
  it('takes the new version’s reading, never the baseline, and prefers the metric’s unit', () => {
    expect(guessSignal('error-rate', signals)?.id).toBe('e-can')
    expect(guessSignal('p95-latency', signals)?.id).toBe('lat')
    expect(guessSignal('availability', signals)?.id).toBe('probe')
    expect(guessSignal('availability', signals.slice(0, 3))).toBeNull()
  })
})

describe('deploymentMetrics', () => {
  it('holds each actual against its target the way the playbook table reads', () => {
    const rows = deploymentMetrics(input())
    expect(rows.map((r) => [r.key, r.actual, r.status])).toEqual([
      ['deployment-time', 22.5, 'met'],
      ['rollback-time', null, 'not measured'],
      ['error-rate', 0.08, 'met'],
      ['p95-latency', 230, 'missed'],
      ['availability', null, 'not measured'],
      ['critical-incidents', 1, 'missed']
    ])
    expect(row(rows, 'availability').source).toBe('Uptime probe (best guess): no readings in the window')
  })

  it('uses edited targets, a chosen signal and an actual entered by hand', () => {
    const rows = deploymentMetrics(
      input({
        targets: { ...DEFAULT_METRIC_TARGETS, 'p95-latency': 250, 'critical-incidents': 1 },
        settings: { targets: {}, signals: { 'error-rate': 'e-base' }, manual: { availability: 99.95 } }
      })
    )
    expect(row(rows, 'p95-latency').status).toBe('met')
    expect(row(rows, 'critical-incidents').status).toBe('met')
    expect(row(rows, 'error-rate')).toMatchObject({ actual: 0.01, source: 'mean of Baseline error rate over the window' })
    expect(row(rows, 'availability')).toMatchObject({ actual: 99.95, status: 'met', source: 'entered by hand' })
  })

  it('does not measure health before production, shows a running deployment as in progress, and a stopped one as unmeasured', () => {
    const rows = deploymentMetrics(input({ windowStarted: false, figures: { deployment: figure('in-progress', 40), rollback: figure('stopped', 3), decisions: [] } }))
    expect(row(rows, 'error-rate')).toMatchObject({ actual: null, source: 'Canary error rate (best guess): the release has not reached production' })
    expect(row(rows, 'deployment-time')).toMatchObject({ actual: 40, status: 'in progress' })
    expect(row(rows, 'rollback-time').status).toBe('not measured')
  })
})
