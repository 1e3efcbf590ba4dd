import { describe, expect, it } from 'vitest'
import { manualClock } from '../../../src/main/clock'
import {
  currentState,
  initialBreachTracker,
  replayBreach,
  stateOfValue,
  trackBreach,
  type BreachOptions,
  type BreachTracker,
  type SignalSample,
  type SignalThresholds
} from '../../../src/main/health/signal-evaluation'

const errorRate: SignalThresholds = { direction: 'above', warn: 0.05, critical: 0.1 }
const availability: SignalThresholds = { direction: 'below', warn: 99.95, critical: 99.9 }

describe('the state a value gives a signal', () => {
  it('respects direction, counts reaching a threshold as breaching it, and lets critical win', () => {
    expect(stateOfValue(0.01, errorRate)).toBe('ok')
    expect(stateOfValue(0.05, errorRate)).toBe('warn')
    expect(stateOfValue(0.07, errorRate)).toBe('warn')
    expect(stateOfValue(0.1, errorRate)).toBe('critical')
    expect(stateOfValue(3, errorRate)).toBe('critical')

    expect(stateOfValue(99.99, availability)).toBe('ok')
    expect(stateOfValue(99.95, availability)).toBe('warn')
    expect(stateOfValue(99.9, availability)).toBe('critical')
    expect(stateOfValue(50, availability)).toBe('critical')
  })

  it('works with only one threshold, or none', () => {
    expect(stateOfValue(250, { direction: 'above', critical: 200 })).toBe('critical')
    expect(stateOfValue(150, { direction: 'above', critical: 200 })).toBe('ok')
    expect(stateOfValue(150, { direction: 'above', warn: 100 })).toBe('warn')
    expect(stateOfValue(1e9, { direction: 'above' })).toBe('ok')
  })

  it('never calls NaN healthy', () => {
    expect(stateOfValue(Number.NaN, errorRate)).toBe('error')
  })
})

describe('the state a signal shows now', () => {
  const intervalMs = 5000

  it('is the last value’s state while samples are fresh', () => {
    const clock = manualClock()
    const lastSample = { t: clock.now(), v: 0.12 }
    clock.advance(4000)
    expect(currentState({ thresholds: errorRate, intervalMs, now: clock.now(), lastSample })).toEqual({
      state: 'critical',
      value: 0.12,
      at: lastSample.t,
      threshold: 0.1
    })
    expect(currentState({ thresholds: errorRate, intervalMs, now: clock.now(), lastSample: { ...lastSample, v: 0.06 } })).toMatchObject({
      state: 'warn',
      threshold: 0.05
    })
    expect(currentState({ thresholds: errorRate, intervalMs, now: clock.now(), lastSample: { ...lastSample, v: 0 } }).state).toBe('ok')
  })

  it('goes stale once the last good sample is older than N intervals, and says for how long', () => {
    const clock = manualClock()
    const lastSample = { t: clock.now(), v: 0.01 }
    clock.advance(15_000)
    expect(currentState({ thresholds: errorRate, intervalMs, now: clock.now(), lastSample }).state).toBe('ok')
    clock.advance(1)
    const stale = currentState({ thresholds: errorRate, intervalMs, now: clock.now(), lastSample })
    expect(stale).toMatchObject({ state: 'stale', value: 0.01, at: lastSample.t })
    expect(stale.reason).toBe('no sample for 15 s (expected one every 5 s)')
    expect(currentState({ thresholds: errorRate, intervalMs, now: clock.now(), lastSample, staleAfterIntervals: 10 }).state).toBe('ok')
  })

  it('is stale before the first sample', () => {
    expect(currentState({ thresholds: errorRate, intervalMs, now: manualClock().now() })).toEqual({
      state: 'stale',
      reason: 'no sample has been read yet'
    })
  })

  it('is error when the last poll failed, with its reason, and recovers with the next good sample', () => {
    const clock = manualClock()
    const lastSample = { t: clock.now(), v: 0.01 }
    clock.advance(5000)
    const lastFailure = { t: clock.now(), reason: 'HTTP 500 Internal Server Error' }
    expect(currentState({ thresholds: errorRate, intervalMs, now: clock.now(), lastSample, lastFailure })).toEqual({
      state: 'error',
      value: 0.01,
      at: lastSample.t,
      reason: 'HTTP 500 Internal Server Error'
    })
    clock.advance(60_000)
    // Still error, not stale: the failure's reason says more.
    expect(currentState({ thresholds: errorRate, intervalMs, now: clock.now(), lastSample, lastFailure }).state).toBe('error')
    const fresh = { t: clock.now(), v: 0.02 }
    expect(currentState({ thresholds: errorRate, intervalMs, now: clock.now(), lastSample: fresh, lastFailure }).state).toBe('ok')
  })
})

describe('sustained breaches', () => {
  function feed(options: BreachOptions, values: readonly (number | null)[], stepMs = 5000) {
    const clock = manualClock()
    let tracker: BreachTracker = initialBreachTracker
    const steps = []
    for (const v of values) {
      clock.advance(stepMs)
      if (v === null) continue
      const step = trackBreach(tracker, { t: clock.now(), v }, options)
      tracker = step.tracker
      steps.push({ ...step, t: clock.now() })
    }
    return steps
  }

  it('opens once after N consecutive critical samples and closes on the first good one', () => {
    const options: BreachOptions = { thresholds: errorRate, rule: { kind: 'consecutive', count: 3 }, signalName: 'Error rate' }
    const steps = feed(options, [0.01, 0.2, 0.3, 0.25, 0.4, 0.5, 0.02, 0.2])
    expect(steps.map((s) => s.began)).toEqual([false, false, false, true, false, false, false, false])
    expect(steps.map((s) => s.ended)).toEqual([false, false, false, false, false, false, true, false])
    expect(steps.map((s) => s.tracker.sustained)).toEqual([false, false, false, true, true, true, false, false])

    const evidence = steps[3].evidence
    expect(evidence).toMatchObject({ threshold: 0.1, direction: 'above', count: 3, worst: 0.3, since: steps[1].t, at: steps[3].t })
    expect(evidence?.samples.map((s) => s.v)).toEqual([0.2, 0.3, 0.25])
    expect(evidence?.summary).toBe('Error rate at or above its critical threshold 0.1 for 3 consecutive samples, worst 0.3')
    expect(steps.filter((s) => s.evidence)).toHaveLength(1)
  })

  it('does not count warn samples, and a warn sample breaks the run', () => {
    const steps = feed({ thresholds: errorRate, rule: { kind: 'consecutive', count: 2 } }, [0.2, 0.07, 0.2, 0.07, 0.06])
    expect(steps.some((s) => s.began)).toBe(false)
  })

  it('opens after breaching continuously for D seconds, measured from the first breaching sample', () => {
    const options: BreachOptions = { thresholds: { direction: 'above', critical: 200 }, rule: { kind: 'duration', seconds: 30 } }
    const steps = feed(options, [250, 260, 270, 280, 300, 150, 250, 260], 10_000)
    expect(steps.map((s) => s.began)).toEqual([false, false, false, true, false, false, false, false])
    expect(steps[3].evidence).toMatchObject({ since: steps[0].t, at: steps[3].t, count: 4, worst: 280, threshold: 200 })
    expect(steps[3].evidence?.summary).toContain('30 s (4 samples; the rule is 30 s)')
    expect(steps[5].ended).toBe(true)
  })

  it('treats lower-is-worse signals the same way', () => {
    const steps = feed({ thresholds: availability, rule: { kind: 'consecutive', count: 2 } }, [99.99, 99.9, 98.5])
    expect(steps[2].began).toBe(true)
    expect(steps[2].evidence).toMatchObject({ worst: 98.5, direction: 'below' })
  })

  it('restarts a run that a gap in the readings interrupted, but keeps a sustained breach open across one', () => {
    const options: BreachOptions = { thresholds: errorRate, rule: { kind: 'consecutive', count: 3 }, maxGapMs: 15_000 }
    // Two breaching samples, then four missed polls (25 s), then two more: no run of three is known to be continuous.
    const building = feed(options, [0.2, 0.2, null, null, null, null, 0.2, 0.2])
    expect(building.some((s) => s.began)).toBe(false)
    const sustained = feed(options, [0.2, 0.2, 0.2, null, null, null, null, 0.2, 0.2])
    expect(sustained.filter((s) => s.began)).toHaveLength(1)
    expect(sustained.at(-1)?.tracker.sustained).toBe(true)
  })

  it('ignores a sample it has already seen, so a repeated tick does not advance the count', () => {
    const options: BreachOptions = { thresholds: errorRate, rule: { kind: 'consecutive', count: 2 } }
    const first = trackBreach(initialBreachTracker, { t: 1000, v: 0.2 }, options)
    const again = trackBreach(first.tracker, { t: 1000, v: 0.2 }, options)
    expect(again.tracker).toBe(first.tracker)
    expect(again.began).toBe(false)
    expect(trackBreach(again.tracker, { t: 2000, v: 0.2 }, options).began).toBe(true)
  })

  it('never opens without a critical threshold', () => {
    const steps = feed({ thresholds: { direction: 'above', warn: 1 }, rule: { kind: 'consecutive', count: 1 } }, [5, 6, 7])
    expect(steps.some((s) => s.began)).toBe(false)
  })

  it('replays a stored series into one opening per breach', () => {
    const samples: SignalSample[] = [0.2, 0.2, 0.2, 0.2, 0.01, 0.3, 0.3, 0.3].map((v, i) => ({ t: i * 5000, v }))
    const { tracker, openings } = replayBreach(samples, { thresholds: errorRate, rule: { kind: 'consecutive', count: 3 } })
    expect(openings.map((o) => o.since)).toEqual([0, 25_000])
    expect(tracker.sustained).toBe(true)
  })
})
