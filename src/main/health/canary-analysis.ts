import { hodgesLehmannShift, type ShiftEstimate } from './hodges-lehmann'
import { mannWhitneyU, type MannWhitneyResult } from './mann-whitney'
import type { SignalSample } from './signal-evaluation'

/**
 * Advisory canary analysis, shown beside the human gate: is the canary's signal distributed differently from the
 * baseline's over the soak window, and which way? A Mann-Whitney U test decides whether there is a difference; its
 * direction comes from U (how often a canary value beats a baseline value), not from the Hodges-Lehmann shift,
 * because with many zeros the median pairwise difference is 0 even when the canary clearly has more errors. The
 * shift and its interval say how large the difference is.
 *
 * The test assumes independent samples; successive polls of one signal are not quite, so p is somewhat optimistic.
 * That is one reason the verdict is advice beside the team's vote and not a gate of its own.
 */

export type CanaryVerdict = 'pass' | 'worse' | 'better' | 'not-enough-data'

/** `higher` for error rate and latency, `lower` for throughput and availability. */
export type WorseWhen = 'higher' | 'lower'

export const DEFAULT_MIN_SAMPLES = 10
export const DEFAULT_ALPHA = 0.05

export interface CanaryAnalysisInput {
  canary: readonly SignalSample[]
  baseline: readonly SignalSample[]
  /** Epoch ms, both ends included; samples outside are ignored. Leave out to use every sample given. */
  window?: { from: number; to: number }
  worseWhen: WorseWhen
  /** Per side; below it the verdict is not-enough-data. */
  minSamples?: number
  /** Significance level for the U test. */
  alpha?: number
  /** For the shift interval; 1 − alpha by default, so interval and test agree. */
  confidence?: number
  /** Above this many canary × baseline pairs the shift is found by selection (see `hodges-lehmann.ts`). */
  allPairsLimit?: number
}

export interface SideSummary {
  n: number
  median: number | null
  mean: number | null
  min: number | null
  max: number | null
  /** Samples that were NaN or infinite and so were left out. */
  dropped: number
}

export interface CanaryAnalysis {
  verdict: CanaryVerdict
  /** One sentence with the numbers, for the panel. */
  reason: string
  /**
   * Set when the rise-from-zero guard decided the verdict: the baseline had no errors at all, the canary had some,
   * and the test alone was not yet significant. Not a pass, whatever p says.
   */
  guard?: 'rise-from-zero'
  worseWhen: WorseWhen
  alpha: number
  minSamples: number
  canary: SideSummary
  baseline: SideSummary
  /** Null when a side has no samples. */
  test: (MannWhitneyResult & { significant: boolean }) | null
  /** Canary − baseline. Null when a side has no samples. */
  shift: ShiftEstimate | null
}

export function analyseCanary(input: CanaryAnalysisInput): CanaryAnalysis {
  const alpha = input.alpha ?? DEFAULT_ALPHA
  const minSamples = input.minSamples ?? DEFAULT_MIN_SAMPLES
  const canary = valuesIn(input.canary, input.window)
  const baseline = valuesIn(input.baseline, input.window)
  const base = {
    worseWhen: input.worseWhen,
    alpha,
    minSamples,
    canary: summarise(canary.values, canary.dropped),
    baseline: summarise(baseline.values, baseline.dropped)
  }

  const computable = canary.values.length > 0 && baseline.values.length > 0
  const u = computable ? mannWhitneyU(canary.values, baseline.values) : null
  const test = u ? { ...u, significant: u.p < alpha } : null
  const shift = computable
    ? hodgesLehmannShift(canary.values, baseline.values, {
        confidence: input.confidence ?? 1 - alpha,
        ...(input.allPairsLimit === undefined ? {} : { allPairsLimit: input.allPairsLimit })
      })
    : null
  const numbers = { ...base, test, shift }

  if (!test || canary.values.length < minSamples || baseline.values.length < minSamples) {
    return {
      ...numbers,
      verdict: 'not-enough-data',
      reason: `${canary.values.length} canary and ${baseline.values.length} baseline samples in the window; ${minSamples} per side are needed`
    }
  }

  const stats = `U = ${round(test.u)}, z = ${round(test.z)}, p = ${formatP(test.p)}`
  const shiftText = shift ? `, shift ${round(shift.estimate)} (${Math.round(shift.confidence * 100)}% CI ${round(shift.lower)} to ${round(shift.upper)})` : ''
  if (test.significant) {
    const canaryHigher = test.u > test.uExpected
    const worse = canaryHigher === (input.worseWhen === 'higher')
    return {
      ...numbers,
      verdict: worse ? 'worse' : 'better',
      reason: `the canary is ${canaryHigher ? 'higher' : 'lower'} than the baseline (${stats}${shiftText})`
    }
  }

  // A healthy baseline often has exactly zero errors; a canary with a few errors then differs only in a handful of
  // samples, which the test may not yet call significant. Passing it would wave through the very failure a canary
  // exists to catch, so it waits for more data instead.
  const baselineAllZero = base.baseline.max === 0 && base.baseline.min === 0
  if (input.worseWhen === 'higher' && baselineAllZero && (base.canary.max ?? 0) > 0) {
    const above = canary.values.filter((v) => v > 0).length
    return {
      ...numbers,
      verdict: 'not-enough-data',
      guard: 'rise-from-zero',
      reason: `the baseline was zero throughout but ${above} of ${canary.values.length} canary samples were above zero; not significant yet (${stats}), so not a pass`
    }
  }

  return { ...numbers, verdict: 'pass', reason: `no significant difference between canary and baseline (${stats}${shiftText})` }
}

function valuesIn(samples: readonly SignalSample[], window: { from: number; to: number } | undefined) {
  const values: number[] = []
  let dropped = 0
  for (const s of samples) {
    if (window && (s.t < window.from || s.t > window.to)) continue
    // ±Infinity would rank fine but make pairwise differences NaN; no real signal reads infinity.
    if (Number.isFinite(s.v)) values.push(s.v)
    else dropped++
  }
  return { values, dropped }
}

function summarise(values: readonly number[], dropped: number): SideSummary {
  if (values.length === 0) return { n: 0, median: null, mean: null, min: null, max: null, dropped }
  const sorted = Float64Array.from(values).sort()
  const mid = sorted.length / 2
  const median = sorted.length % 2 === 1 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2
  let sum = 0
  for (const v of values) sum += v
  return { n: values.length, median, mean: sum / values.length, min: sorted[0], max: sorted[sorted.length - 1], dropped }
}

function round(v: number): string {
  return v === 0 || !Number.isFinite(v) ? String(v) : String(Number(v.toPrecision(4)))
}

function formatP(p: number): string {
  return p < 0.0001 ? '< 0.0001' : round(p)
}
