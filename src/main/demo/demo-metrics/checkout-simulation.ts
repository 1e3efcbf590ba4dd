import { hashedUnit, seededRandom } from './seeded-random'

/**
 * The demo's "checkout" service: a baseline and a canary instance sharing its traffic by the rollout's traffic %.
 * When healthy, both meet the playbook's targets with room to spare (error ratio ~0.005 %, p95 ~120 ms); an injected
 * fault makes only the canary misbehave, which is what a canary rollout exists to catch.
 *
 * Time is simulated in whole seconds from the start, whenever someone reads the counters, so the numbers depend on
 * the seed, the clock and when the controls were changed, never on how often the service is scraped.
 */

export const TRACKS = ['baseline', 'canary'] as const
export type Track = (typeof TRACKS)[number]

export const DEMO_FAULTS = ['none', 'errors', 'latency'] as const
export type DemoFault = (typeof DEMO_FAULTS)[number]

/** Upper bounds of the latency histogram, seconds: dense around the 200 ms target so p95 is estimated closely. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 2.5, 5, 10] as const

/** Requests per second across both instances. */
export const TOTAL_REQUESTS_PER_SECOND = 100

interface TrackBehaviour {
  errorRatio: number
  /** Log-normal latency: the median in seconds and the log-space spread. p95 = median · e^(1.645 σ). */
  medianSeconds: number
  sigma: number
}

/**
 * 0.005 % errors: low enough that a canary at 5-10 % of traffic (a few hundred requests a minute) rarely sees even one
 * error in its 2-minute window, since a single error there already reads as 0.1 %, the playbook's limit.
 */
const HEALTHY: TrackBehaviour = { errorRatio: 0.00005, medianSeconds: 0.06, sigma: 0.42 }
/** 5 % of requests failing: far past the 0.1 % error target, as a bad deploy looks. */
const FAILING: TrackBehaviour = { ...HEALTHY, errorRatio: 0.05 }
/** p95 ≈ 450 ms, more than twice the 200 ms target. */
const SLOW: TrackBehaviour = { ...HEALTHY, medianSeconds: 0.2, sigma: 0.5 }

/** A clock jump longer than this is skipped rather than simulated, as a process paused that long would have been. */
const MAX_CATCH_UP_SECONDS = 3600

export interface TrackTotals {
  ok: number
  errors: number
  /** Observations per bucket of `LATENCY_BUCKETS`, not cumulative; the last entry is above the highest bound. */
  bucketCounts: number[]
  sumSeconds: number
  count: number
}

export interface SimulationSnapshot {
  at: number
  trafficPercent: number
  fault: DemoFault
  tracks: Record<Track, TrackTotals>
  /** What the service's own health check would report for its database right now. */
  dbLatencyMs: number
}

export interface CheckoutSimulation {
  readonly startedAt: number
  advanceTo(now: number): void
  /** Takes effect from the next simulated second; time up to `now` is simulated under the old value first. */
  setTrafficPercent(percent: number, now: number): void
  setFault(fault: DemoFault, now: number): void
  snapshot(now: number): SimulationSnapshot
}

export function createCheckoutSimulation(options: { start: number; seed: number; trafficPercent?: number }): CheckoutSimulation {
  const { start, seed } = options
  const random = seededRandom(seed)
  let trafficPercent = checkedPercent(options.trafficPercent ?? 10)
  let fault: DemoFault = 'none'
  let secondsDone = 0
  const carry: Record<Track, number> = { baseline: 0, canary: 0 }
  const totals: Record<Track, TrackTotals> = { baseline: emptyTotals(), canary: emptyTotals() }

  const behaviourOf = (track: Track): TrackBehaviour => {
    if (track === 'baseline') return HEALTHY
    return fault === 'errors' ? FAILING : fault === 'latency' ? SLOW : HEALTHY
  }

  const simulateSecond = () => {
    for (const track of TRACKS) {
      const share = track === 'canary' ? trafficPercent / 100 : 1 - trafficPercent / 100
      // ±10 % jitter so the rate line is not perfectly flat; the carry keeps the long-run rate exact.
      const expected = TOTAL_REQUESTS_PER_SECOND * share * (0.9 + 0.2 * random.next()) + carry[track]
      const requests = Math.floor(expected)
      carry[track] = expected - requests
      const behaviour = behaviourOf(track)
      const t = totals[track]
      for (let r = 0; r < requests; r++) {
        if (random.next() < behaviour.errorRatio) t.errors++
        else t.ok++
        const seconds = behaviour.medianSeconds * Math.exp(behaviour.sigma * random.normal())
        t.bucketCounts[bucketIndex(seconds)]++
        t.sumSeconds += seconds
        t.count++
      }
    }
  }

  const advanceTo = (now: number) => {
    const due = Math.floor((now - start) / 1000) - secondsDone
    if (due <= 0) return
    const skipped = Math.max(0, due - MAX_CATCH_UP_SECONDS)
    secondsDone += skipped
    for (let i = skipped; i < due; i++) {
      simulateSecond()
      secondsDone++
    }
  }

  return {
    startedAt: start,
    advanceTo,
    setTrafficPercent(percent, now) {
      const checked = checkedPercent(percent)
      advanceTo(now)
      trafficPercent = checked
    },
    setFault(next, now) {
      if (!DEMO_FAULTS.includes(next)) throw new RangeError(`fault must be one of ${DEMO_FAULTS.join(', ')}, not ${String(next)}`)
      advanceTo(now)
      fault = next
    },
    snapshot(now) {
      advanceTo(now)
      const second = Math.floor((now - start) / 1000)
      // The canary's slow path is a slow query, and the database is shared, so its health check shows the fault too:
      // a second symptom for a JSON signal to catch.
      const base = fault === 'latency' ? 35 : 3
      const dbLatencyMs = Math.round((base + base * hashedUnit(seed, second)) * 10) / 10
      return {
        at: now,
        trafficPercent,
        fault,
        tracks: { baseline: copyTotals(totals.baseline), canary: copyTotals(totals.canary) },
        dbLatencyMs
      }
    }
  }
}

function checkedPercent(percent: number): number {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new RangeError(`traffic percent must be a number from 0 to 100, not ${percent}`)
  }
  return percent
}

function bucketIndex(seconds: number): number {
  const i = LATENCY_BUCKETS.findIndex((le) => seconds <= le)
  return i === -1 ? LATENCY_BUCKETS.length : i
}

function emptyTotals(): TrackTotals {
  return { ok: 0, errors: 0, bucketCounts: new Array<number>(LATENCY_BUCKETS.length + 1).fill(0), sumSeconds: 0, count: 0 }
}

function copyTotals(t: TrackTotals): TrackTotals {
  return { ...t, bucketCounts: [...t.bucketCounts] }
}
