import { describe, expect, it } from 'vitest'
import type { Vote } from '../../src/shared/runbook'
import type { CanaryPairView, SignalView } from '../../src/shared/room-signals'
import {
  canaryNumbers,
  chartMarkers,
  describeThresholds,
  formatValue,
  layoutSignals,
  rangeBounds,
  sparkline,
  suggestedY
} from '../../src/renderer/src/health/health-shape'
import { countBefore, SeriesBuffer } from '../../src/renderer/src/health/series-buffer'

const release = { windowStart: '2026-01-20T14:00:00Z', createdAt: '2026-01-19T09:00:00Z' }
const thresholds = { direction: 'above' as const, warn: 0.05, critical: 0.1 }

describe('health shaping', () => {
  it('turns a range into chart bounds, the whole window starting at the release’s earliest moment', () => {
    const now = Date.parse('2026-01-20T15:00:00Z')
    expect(rangeBounds('15m', now, release)).toEqual({ from: now - 900_000, to: now })
    expect(rangeBounds('6h', now, release).from).toBe(now - 6 * 3_600_000)
    expect(rangeBounds('all', now, release).from).toBe(Date.parse('2026-01-19T09:00:00Z'))
  })

  it('formats values for the room: short, with their unit', () => {
    expect(formatValue(0.0123456, '%')).toBe('0.0123 %')
    expect(formatValue(184.44, 'ms')).toBe('184 ms')
    expect(formatValue(1234.5, 'req/s')).toBe('1235 req/s')
    expect(formatValue(undefined, 'ms')).toBe('—')
    expect(describeThresholds({ thresholds, unit: '%' })).toBe('critical ≥ 0.1 % · warn ≥ 0.05 %')
  })

  it('keeps threshold lines on screen whichever way a signal breaches', () => {
    expect(suggestedY({ thresholds })).toEqual({ min: 0, max: 0.13 })
    expect(suggestedY({ thresholds: { direction: 'below', critical: 99.9 } }).min).toBeCloseTo(97.902)
    expect(suggestedY({ thresholds: { direction: 'above' } })).toEqual({})
  })

  it('marks votes, and rollout steps when the room has a rollout of that shape', () => {
    const vote = { at: '2026-01-20T14:10:00Z', verdict: 'go', gate: 'ready', actor: { name: 'Sam Lee', role: 'sre' } } as Vote
    const markers = chartMarkers([vote], { rollout: { state: { steps: [{ startedAt: 5, label: '5% of traffic' }, { startedAt: null }] } } })
    expect(markers).toEqual([
      { t: 5, kind: 'step', label: '5% of traffic' },
      { t: Date.parse('2026-01-20T14:10:00Z'), kind: 'vote', label: 'Sam Lee: go on ready' }
    ])
    expect(chartMarkers([], undefined)).toEqual([])
    expect(chartMarkers([], { rollout: 'not an object' })).toEqual([])
  })

  it('lays canary/baseline pairs out beside their analysis and the rest in the grid', () => {
    const s = (id: string) => ({ id }) as SignalView
    const analysis = { canary: { signalId: 'c' }, baseline: { signalId: 'b' }, measure: 'error rate' } as CanaryPairView
    const { pairs, singles } = layoutSignals([s('c'), s('b'), s('t')], [analysis])
    expect(pairs.map((p) => [p.canary.id, p.baseline.id])).toEqual([['c', 'b']])
    expect(singles.map((x) => x.id)).toEqual(['t'])
  })

  it('shows the canary verdict’s numbers: n, U, p, the shift and its interval', () => {
    const view: CanaryPairView = {
      measure: 'p95 latency',
      unit: 'ms',
      window: { from: 0, to: 900_000 },
      verdict: 'worse',
      reason: '',
      canary: { signalId: 'c', name: 'Canary', n: 60, median: 140, mean: 141 },
      baseline: { signalId: 'b', name: 'Baseline', n: 58, median: 120, mean: 121 },
      u: 3012.5,
      p: 0.00012,
      alpha: 0.05,
      shift: { estimate: 19.8, low: 15.2, high: 24.9, confidence: 0.95 },
      minSamples: 10
    }
    expect(canaryNumbers(view)).toEqual(['n 60 canary / 58 baseline', 'U = 3012.5', 'p = 1.2e-4 (α 0.05)', 'shift +19.8 ms (95 % CI 15.2 ms to 24.9 ms)'])
  })

  it('draws a sparkline inside its box with the critical line placed', () => {
    const line = sparkline([{ x: 0, y: 0 }, { x: 10, y: 0.05 }, { x: 20, y: 0.2 }], { width: 100, height: 20 }, { thresholds })
    expect(line.path.split(' ')).toEqual(['0.0,19.0', '50.0,14.5', '100.0,1.0'])
    expect(line.critical).toBeCloseTo(10)
    expect(sparkline([], { width: 100, height: 20 }).path).toBe('')
  })
})

describe('series buffer', () => {
  it('appends live samples in place, skipping repeats, and keeps live points across a history reload', () => {
    const b = new SeriesBuffer()
    const seen: string[] = []
    b.subscribe((k) => seen.push(k))
    b.append([{ t: 10, v: 1 }, { t: 20, v: 2 }, { t: 20, v: 2 }])
    const array = b.points
    b.append([{ t: 30, v: 3 }])
    expect(b.points).toBe(array)
    expect(b.points.map((p) => p.x)).toEqual([10, 20, 30])
    b.replace([{ t: 5, v: 0 }, { t: 20, v: 2 }], 0)
    expect(b.points.map((p) => p.x)).toEqual([5, 20, 30])
    expect(seen).toEqual(['append', 'append', 'replace'])
    // One version per change heard, so a view keyed on it redraws exactly when its line moved.
    expect(b.version).toBe(3)
    b.append([])
    expect(b.version).toBe(3)
  })

  it('drops points older than the range start in chunks', () => {
    const b = new SeriesBuffer()
    b.replace(Array.from({ length: 1000 }, (_, i) => ({ t: i, v: i })), 600)
    b.append([{ t: 1000, v: 0 }])
    expect(b.points[0].x).toBe(600)
    expect(countBefore(b.points, 700)).toBe(100)
  })
})

describe('series buffer and a Prometheus backfill', () => {
  it('merges samples older than the last point into their place and asks for a full redraw', () => {
    const b = new SeriesBuffer()
    const seen: string[] = []
    b.subscribe((k) => seen.push(k))
    b.append([{ t: 100, v: 1 }, { t: 110, v: 2 }])
    b.append([{ t: 40, v: 7 }, { t: 70, v: 8 }, { t: 100, v: 1.5 }])
    expect(b.points).toEqual([
      { x: 40, y: 7 },
      { x: 70, y: 8 },
      { x: 100, y: 1.5 },
      { x: 110, y: 2 }
    ])
    expect(seen).toEqual(['append', 'replace'])
  })
})
