/**
 * What a signal's samples mean against its thresholds: the state each reading gives it, when it has gone stale, and
 * when a breach has lasted long enough to open an incident. Pure: the poller passes in the samples and the time.
 *
 * The types are structural copies of the ones in `src/shared/signal.ts`, so the shared definitions can evolve without
 * this module importing zod schemas it does not need.
 */

export type ThresholdDirection = 'above' | 'below'

export interface SignalThresholds {
  /** `above`: higher is worse (error rate, latency). `below`: lower is worse (availability, throughput). */
  direction: ThresholdDirection
  warn?: number
  critical?: number
}

export type SustainedBreachRule = { kind: 'consecutive'; count: number } | { kind: 'duration'; seconds: number }

export type SignalState = 'ok' | 'warn' | 'critical' | 'stale' | 'error'

/** One reading; `t` is epoch milliseconds. */
export interface SignalSample {
  t: number
  v: number
}

/**
 * Reaching a threshold counts as breaching it. The playbook writes targets as strict bounds ("error rate < 0.1%",
 * "availability > 99.9%"), so a reading of exactly 0.1% or exactly 99.9% is already outside the target.
 */
export function breaches(value: number, threshold: number | undefined, direction: ThresholdDirection): boolean {
  if (threshold === undefined || Number.isNaN(value)) return false
  return direction === 'above' ? value >= threshold : value <= threshold
}

/**
 * The state one value gives a signal. Critical is checked first, so a value past both thresholds is critical.
 * NaN is `error`: the poller should have refused it as non-numeric, and treating it as healthy would hide an outage.
 */
export function stateOfValue(value: number, thresholds: SignalThresholds): 'ok' | 'warn' | 'critical' | 'error' {
  if (Number.isNaN(value)) return 'error'
  if (breaches(value, thresholds.critical, thresholds.direction)) return 'critical'
  if (breaches(value, thresholds.warn, thresholds.direction)) return 'warn'
  return 'ok'
}

/** The threshold a value is at or past, for showing beside the state: critical's when both are. */
export function breachedThreshold(value: number, thresholds: SignalThresholds): number | undefined {
  if (breaches(value, thresholds.critical, thresholds.direction)) return thresholds.critical
  if (breaches(value, thresholds.warn, thresholds.direction)) return thresholds.warn
  return undefined
}

/**
 * One missed poll is ordinary (a slow scrape, a timer that fired late); three in a row means nobody is reading the
 * service, which the room must see rather than keep showing the last green value.
 */
export const DEFAULT_STALE_AFTER_INTERVALS = 3

export interface PollFailure {
  /** When the failed poll ended, epoch ms. */
  t: number
  /** The sentence the poller recorded: "timed out after 2 s", "HTTP 500 Internal Server Error", … */
  reason: string
}

export interface CurrentStateInput {
  thresholds: SignalThresholds
  intervalMs: number
  now: number
  /** The newest good sample, if any. */
  lastSample?: SignalSample
  /** The newest failed poll, if any. It only counts when it is newer than `lastSample`. */
  lastFailure?: PollFailure
  staleAfterIntervals?: number
}

export interface CurrentState {
  state: SignalState
  /** The value behind the state; for `stale` and `error`, the last good one. */
  value?: number
  /** When `value` was read. */
  at?: number
  /** The threshold the value reached, when the state is warn or critical. */
  threshold?: number
  /** Why the signal is stale or in error, in a sentence for the panel. */
  reason?: string
}

/**
 * The state a signal shows now. A failed last poll wins over staleness because its reason (timeout, HTTP 500, …) tells
 * the team what to fix, where "stale" only says that something is wrong. A signal never read is stale.
 */
export function currentState(input: CurrentStateInput): CurrentState {
  const { lastSample, lastFailure, now, intervalMs } = input
  const staleAfter = input.staleAfterIntervals ?? DEFAULT_STALE_AFTER_INTERVALS
  const last = lastSample ? { value: lastSample.v, at: lastSample.t } : {}

  if (lastFailure && (!lastSample || lastFailure.t >= lastSample.t)) {
    return { state: 'error', ...last, reason: lastFailure.reason }
  }
  if (!lastSample) {
    return { state: 'stale', reason: 'no sample has been read yet' }
  }
  const age = now - lastSample.t
  if (age > staleAfter * intervalMs) {
    return {
      state: 'stale',
      ...last,
      reason: `no sample for ${formatSeconds(age)} (expected one every ${formatSeconds(intervalMs)})`
    }
  }
  const state = stateOfValue(lastSample.v, input.thresholds)
  if (state === 'error') return { state, ...last, reason: 'the last sample is not a number' }
  const threshold = breachedThreshold(lastSample.v, input.thresholds)
  return { state, ...last, ...(threshold === undefined ? {} : { threshold }) }
}

function formatSeconds(ms: number): string {
  const s = ms / 1000
  return `${Number.isInteger(s) || s >= 10 ? Math.round(s) : s.toFixed(1)} s`
}

/** How many of the newest breaching samples a streak keeps to show why an incident opened. */
const EVIDENCE_SAMPLES = 10

/**
 * A run of consecutive critical samples. Only the newest few samples are kept, with the run's start, length and
 * worst value, so a breach that lasts a day does not hold a day of samples.
 */
export interface BreachStreak {
  startedAt: number
  lastAt: number
  count: number
  worst: number
  recent: SignalSample[]
}

export interface BreachTracker {
  /** The newest sample seen, so a repeated or late sample is not counted twice. */
  lastSampleAt?: number
  streak?: BreachStreak
  /** True from the sample that made the breach sustained until the next non-breaching one. */
  sustained: boolean
}

export const initialBreachTracker: BreachTracker = { sustained: false }

export interface BreachEvidence {
  rule: SustainedBreachRule
  direction: ThresholdDirection
  threshold: number
  /** The first sample of the run. */
  since: number
  /** The sample that made it sustained. */
  at: number
  count: number
  worst: number
  /** The newest samples of the run, oldest first. */
  samples: SignalSample[]
  /** "p95 latency at or above 200 for 3 consecutive samples (worst 412)" */
  summary: string
}

export interface BreachStep {
  tracker: BreachTracker
  /** True on exactly one sample per breach: the one to open the incident on. */
  began: boolean
  /** True on the first good sample after a sustained breach: the one to note recovery on. */
  ended: boolean
  evidence?: BreachEvidence
}

export interface BreachOptions {
  thresholds: SignalThresholds
  rule: SustainedBreachRule
  /**
   * A gap between samples longer than this restarts a run that is not yet sustained: with no readings in between,
   * nobody knows the breach was continuous. Pass the stale limit (interval × stale intervals); leave it out to never
   * break on gaps.
   */
  maxGapMs?: number
  /** For the evidence summary. */
  signalName?: string
}

/**
 * Feeds one sample to the sustained-breach rule. A breach is a critical sample: warn colours the panel but does not
 * open incidents, because an incident pages people. `consecutive` counts samples; `duration` measures from the first
 * breaching sample of the run to the current one, so a run of one sample lasts zero seconds.
 */
export function trackBreach(tracker: BreachTracker, sample: SignalSample, options: BreachOptions): BreachStep {
  if (tracker.lastSampleAt !== undefined && sample.t <= tracker.lastSampleAt) {
    return { tracker, began: false, ended: false }
  }
  const { thresholds, rule } = options
  const critical = thresholds.critical
  if (critical === undefined || !breaches(sample.v, critical, thresholds.direction)) {
    return { tracker: { lastSampleAt: sample.t, sustained: false }, began: false, ended: tracker.sustained }
  }

  const previous = tracker.streak
  // A gap only restarts a run still building up. Once a breach is sustained, only a good sample ends it: breaching
  // readings on both sides of a monitoring outage are the same incident, not a second one.
  const gapBroken =
    previous !== undefined && !tracker.sustained && options.maxGapMs !== undefined && sample.t - previous.lastAt > options.maxGapMs
  const continuing = previous !== undefined && !gapBroken
  const keep = rule.kind === 'consecutive' ? Math.max(1, Math.min(rule.count, EVIDENCE_SAMPLES)) : EVIDENCE_SAMPLES
  const streak: BreachStreak = continuing
    ? {
        startedAt: previous.startedAt,
        lastAt: sample.t,
        count: previous.count + 1,
        worst: worse(previous.worst, sample.v, thresholds.direction),
        recent: [...previous.recent, sample].slice(-keep)
      }
    : { startedAt: sample.t, lastAt: sample.t, count: 1, worst: sample.v, recent: [sample] }

  const met = rule.kind === 'consecutive' ? streak.count >= rule.count : streak.lastAt - streak.startedAt >= rule.seconds * 1000
  const began = !tracker.sustained && met
  return {
    tracker: { lastSampleAt: sample.t, streak, sustained: tracker.sustained || met },
    began,
    ended: false,
    ...(began ? { evidence: evidenceOf(streak, critical, options) } : {})
  }
}

/** Feeds samples in order, for rebuilding a tracker after a restart or judging a stored series in one call. */
export function replayBreach(
  samples: readonly SignalSample[],
  options: BreachOptions,
  tracker: BreachTracker = initialBreachTracker
): { tracker: BreachTracker; openings: BreachEvidence[] } {
  const openings: BreachEvidence[] = []
  let current = tracker
  for (const sample of samples) {
    const step = trackBreach(current, sample, options)
    current = step.tracker
    if (step.evidence) openings.push(step.evidence)
  }
  return { tracker: current, openings }
}

function worse(a: number, b: number, direction: ThresholdDirection): number {
  return direction === 'above' ? Math.max(a, b) : Math.min(a, b)
}

function evidenceOf(streak: BreachStreak, threshold: number, options: BreachOptions): BreachEvidence {
  const { rule, thresholds } = options
  const side = thresholds.direction === 'above' ? 'at or above' : 'at or below'
  const span =
    rule.kind === 'consecutive'
      ? `${streak.count} consecutive samples`
      : `${formatSeconds(streak.lastAt - streak.startedAt)} (${streak.count} samples; the rule is ${rule.seconds} s)`
  const name = options.signalName ?? 'the signal'
  return {
    rule,
    direction: thresholds.direction,
    threshold,
    since: streak.startedAt,
    at: streak.lastAt,
    count: streak.count,
    worst: streak.worst,
    samples: streak.recent,
    summary: `${name} ${side} its critical threshold ${threshold} for ${span}, worst ${streak.worst}`
  }
}
