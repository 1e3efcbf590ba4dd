import { breaches, type SignalSample, type SignalThresholds } from './signal-evaluation'

/**
 * A rollout step's health gate: after the step's traffic shift, its signals must hold during the soak window. The
 * verdict keeps the numbers that decided it, because "gate failed" alone is the complaint rollout controllers get
 * most: people want the measured values behind an abort.
 */

export type GateOutcome = 'pass' | 'fail' | 'no-data'

export interface GatedSignal {
  signalId: string
  name: string
  unit?: string
  thresholds: SignalThresholds
  /** The signal's samples; those outside the soak window are ignored, so a caller may pass a wider range. */
  samples: readonly SignalSample[]
}

export interface GateVerdictInput {
  /** The soak window, epoch ms, both ends included. */
  window: { from: number; to: number }
  signals: readonly GatedSignal[]
  /**
   * Which threshold fails the gate. Critical by default: warn is the "look closer" line, and a gate that fails on it
   * would stop most rollouts for noise. With `warn`, a signal that has no warn threshold is held to its critical one.
   */
  failOn?: 'critical' | 'warn'
  /**
   * Breaching samples a signal may have before it fails the gate. Zero by default: a soak window is short, and one
   * sample past the critical line during it is what the playbook says to stop for.
   */
  allowedBreaches?: number
  /** Fewer samples than this in the window and the signal has no verdict. One by default. */
  minSamples?: number
}

export interface SignalGateResult {
  signalId: string
  name: string
  outcome: GateOutcome
  /** The threshold checked; absent when the signal has none at the `failOn` level and so cannot fail the gate. */
  threshold?: number
  direction: SignalThresholds['direction']
  count: number
  breachingCount: number
  /** The worst value in the window, by the signal's direction; absent without samples. */
  worst?: SignalSample
  mean?: number
  firstBreachAt?: number
  /** Samples that were not numbers and so were left out. */
  ignored: number
  /** "Error rate: 4 of 60 samples at or above 1 %, worst 5.2 %, mean 0.81 %" */
  summary: string
}

export interface GateVerdict {
  outcome: GateOutcome
  window: { from: number; to: number }
  failOn: 'critical' | 'warn'
  signals: SignalGateResult[]
  /** One sentence for the gate card: the failing signals' summaries, or why there is no verdict. */
  summary: string
}

/**
 * Fail if any signal failed, whatever the others say: a failing signal is evidence, a silent one is not. Otherwise
 * no-data if any signal lacks samples (a gate must not pass on a signal nobody read), and pass when all passed.
 */
export function gateVerdict(input: GateVerdictInput): GateVerdict {
  const failOn = input.failOn ?? 'critical'
  const allowed = input.allowedBreaches ?? 0
  const minSamples = Math.max(1, input.minSamples ?? 1)
  const results = input.signals.map((s) => judgeSignal(s, input.window, failOn, allowed, minSamples))

  const failed = results.filter((r) => r.outcome === 'fail')
  const silent = results.filter((r) => r.outcome === 'no-data')
  const base = { window: input.window, failOn, signals: results }
  if (failed.length > 0) return { ...base, outcome: 'fail', summary: failed.map((r) => r.summary).join('; ') }
  if (results.length === 0) return { ...base, outcome: 'no-data', summary: 'the gate watches no signals' }
  if (silent.length > 0) return { ...base, outcome: 'no-data', summary: silent.map((r) => r.summary).join('; ') }
  return { ...base, outcome: 'pass', summary: `all ${results.length} gated signals held during the soak window` }
}

function judgeSignal(
  signal: GatedSignal,
  window: { from: number; to: number },
  failOn: 'critical' | 'warn',
  allowed: number,
  minSamples: number
): SignalGateResult {
  const { direction } = signal.thresholds
  const threshold = failOn === 'critical' ? signal.thresholds.critical : (signal.thresholds.warn ?? signal.thresholds.critical)
  const inWindow = signal.samples.filter((s) => s.t >= window.from && s.t <= window.to)
  const usable = inWindow.filter((s) => !Number.isNaN(s.v))

  let worst: SignalSample | undefined
  let sum = 0
  let breachingCount = 0
  let firstBreachAt: number | undefined
  for (const s of usable) {
    sum += s.v
    if (!worst || (direction === 'above' ? s.v > worst.v : s.v < worst.v)) worst = s
    if (breaches(s.v, threshold, direction)) {
      breachingCount++
      if (firstBreachAt === undefined || s.t < firstBreachAt) firstBreachAt = s.t
    }
  }
  const count = usable.length
  const mean = count > 0 ? sum / count : undefined

  const outcome: GateOutcome = breachingCount > allowed ? 'fail' : count < minSamples ? 'no-data' : 'pass'
  const unit = signal.unit ? ` ${signal.unit}` : ''
  const side = direction === 'above' ? 'at or above' : 'at or below'
  const fmt = (v: number) => `${roundForDisplay(v)}${unit}`
  let summary: string
  if (!worst || mean === undefined) summary = `${signal.name}: no samples during the soak window`
  else if (threshold === undefined) summary = `${signal.name}: no ${failOn} threshold, ${count} samples, worst ${fmt(worst.v)}`
  else
    summary = `${signal.name}: ${breachingCount} of ${count} samples ${side} ${fmt(threshold)}, worst ${fmt(worst.v)}, mean ${fmt(mean)}`
  if (outcome === 'no-data' && count > 0) summary += ` (${minSamples} needed for a verdict)`

  return {
    signalId: signal.signalId,
    name: signal.name,
    outcome,
    ...(threshold === undefined ? {} : { threshold }),
    direction,
    count,
    breachingCount,
    ...(worst ? { worst } : {}),
    ...(mean === undefined ? {} : { mean }),
    ...(firstBreachAt === undefined ? {} : { firstBreachAt }),
    ignored: inWindow.length - count,
    summary
  }
}

/** Four significant digits: enough to compare with a threshold, short enough for a gate card. */
function roundForDisplay(v: number): string {
  if (!Number.isFinite(v) || v === 0) return String(v)
  return String(Number(v.toPrecision(4)))
}
