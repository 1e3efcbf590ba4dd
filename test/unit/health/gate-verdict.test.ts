import { describe, expect, it } from 'vitest'
import { manualClock } from '../../../src/main/clock'
import { gateVerdict, type GatedSignal } from '../../../src/main/health/gate-verdict'
import type { SignalSample } from '../../../src/main/health/signal-evaluation'

const clock = manualClock()
const from = clock.now()
const to = from + 5 * 60_000
const window = { from, to }

/** One sample every 5 s across the soak window, plus one before and one after it. */
function series(valueAt: (i: number) => number): SignalSample[] {
  const out: SignalSample[] = []
  for (let t = from - 5000, i = 0; t <= to + 5000; t += 5000, i++) out.push({ t, v: valueAt(i) })
  return out
}

const errorRate = (samples: SignalSample[]): GatedSignal => ({
  signalId: 'sig-errors',
  name: 'Canary error rate',
  unit: '%',
  thresholds: { direction: 'above', warn: 0.05, critical: 0.1 },
  samples
})
const latency = (samples: SignalSample[]): GatedSignal => ({
  signalId: 'sig-p95',
  name: 'Canary p95 latency',
  unit: 'ms',
  thresholds: { direction: 'above', critical: 200 },
  samples
})
const availability = (samples: SignalSample[]): GatedSignal => ({
  signalId: 'sig-avail',
  name: 'Availability',
  thresholds: { direction: 'below', critical: 99.9 },
  samples
})

describe('a rollout step’s health gate', () => {
  it('passes when every gated signal held through the soak window, and keeps the numbers', () => {
    const verdict = gateVerdict({ window, signals: [errorRate(series(() => 0.02)), latency(series((i) => 100 + (i % 5)))] })
    expect(verdict.outcome).toBe('pass')
    expect(verdict.summary).toBe('all 2 gated signals held during the soak window')
    const [errors, p95] = verdict.signals
    expect(errors).toMatchObject({ outcome: 'pass', count: 61, breachingCount: 0, threshold: 0.1 })
    expect(errors.mean).toBeCloseTo(0.02, 12)
    expect(p95.worst?.v).toBe(104)
  })

  it('fails with the deciding values when a signal reached its critical threshold', () => {
    // Outside the window values are terrible, which must not count.
    const values = series((i) => (i === 0 || i === 62 ? 9 : i >= 30 && i < 34 ? [0.1, 0.25, 0.4, 0.12][i - 30] : 0.02))
    const verdict = gateVerdict({ window, signals: [errorRate(values), latency(series(() => 120))] })
    expect(verdict.outcome).toBe('fail')
    const errors = verdict.signals[0]
    expect(errors).toMatchObject({
      outcome: 'fail',
      threshold: 0.1,
      direction: 'above',
      count: 61,
      breachingCount: 4,
      worst: { t: from + 32 * 5000 - 5000, v: 0.4 },
      firstBreachAt: from + 30 * 5000 - 5000
    })
    expect(errors.mean).toBeCloseTo((57 * 0.02 + 0.1 + 0.25 + 0.4 + 0.12) / 61, 12)
    expect(verdict.summary).toBe('Canary error rate: 4 of 61 samples at or above 0.1 %, worst 0.4 %, mean 0.03295 %')
    expect(verdict.signals[1].outcome).toBe('pass')
  })

  it('reads lower-is-worse signals the other way', () => {
    const verdict = gateVerdict({ window, signals: [availability(series((i) => (i === 10 ? 99.5 : 99.99)))] })
    expect(verdict.outcome).toBe('fail')
    expect(verdict.signals[0]).toMatchObject({ breachingCount: 1, worst: { v: 99.5 }, threshold: 99.9 })
  })

  it('allows a configured number of breaches, or fails on warn when asked', () => {
    const values = series((i) => (i === 10 ? 0.2 : i === 20 ? 0.07 : 0.01))
    expect(gateVerdict({ window, signals: [errorRate(values)], allowedBreaches: 1 }).outcome).toBe('pass')
    const onWarn = gateVerdict({ window, signals: [errorRate(values)], failOn: 'warn', allowedBreaches: 1 })
    expect(onWarn.outcome).toBe('fail')
    expect(onWarn.signals[0]).toMatchObject({ threshold: 0.05, breachingCount: 2 })
  })

  it('has no verdict when a gated signal has no samples in the window, unless another failed', () => {
    const outside = [{ t: from - 60_000, v: 0.01 }]
    const silent = gateVerdict({ window, signals: [errorRate(series(() => 0.01)), latency(outside)] })
    expect(silent.outcome).toBe('no-data')
    expect(silent.summary).toBe('Canary p95 latency: no samples during the soak window')
    expect(silent.signals[1]).toMatchObject({ outcome: 'no-data', count: 0 })
    expect(silent.signals[1].worst).toBeUndefined()

    const failing = gateVerdict({ window, signals: [errorRate(series(() => 0.5)), latency([])] })
    expect(failing.outcome).toBe('fail')
  })

  it('has no verdict below the minimum sample count, or without gated signals', () => {
    const few = gateVerdict({ window, signals: [latency([{ t: from + 1000, v: 100 }])], minSamples: 10 })
    expect(few.outcome).toBe('no-data')
    expect(few.summary).toBe('Canary p95 latency: 0 of 1 samples at or above 200 ms, worst 100 ms, mean 100 ms (10 needed for a verdict)')
    expect(gateVerdict({ window, signals: [] })).toMatchObject({ outcome: 'no-data', summary: 'the gate watches no signals' })
  })

  it('leaves out samples that are not numbers and says how many', () => {
    const verdict = gateVerdict({ window, signals: [latency([{ t: from, v: Number.NaN }, { t: from + 1, v: 150 }])] })
    expect(verdict.signals[0]).toMatchObject({ outcome: 'pass', count: 1, ignored: 1, mean: 150 })
  })
})
