import { describe, expect, it } from 'vitest'
import { analyseCanary, type CanaryAnalysisInput } from '../../../src/main/health/canary-analysis'
import { hodgesLehmannShift } from '../../../src/main/health/hodges-lehmann'
import { mannWhitneyU } from '../../../src/main/health/mann-whitney'
import { normalCdf, normalQuantile, twoSidedP } from '../../../src/main/health/normal-distribution'
import type { SignalSample } from '../../../src/main/health/signal-evaluation'
import { seededRandom } from '../../../src/main/demo/demo-metrics/seeded-random'

const start = Date.parse('2026-01-20T10:00:00Z')
const samples = (values: readonly number[]): SignalSample[] => values.map((v, i) => ({ t: start + i * 5000, v }))

function logNormal(seed: number, n: number, median: number, sigma: number): number[] {
  const random = seededRandom(seed)
  return Array.from({ length: n }, () => median * Math.exp(sigma * random.normal()))
}

function analyse(canary: readonly number[], baseline: readonly number[], over: Partial<CanaryAnalysisInput> = {}) {
  return analyseCanary({ canary: samples(canary), baseline: samples(baseline), worseWhen: 'higher', ...over })
}

describe('the normal distribution', () => {
  it('matches tabulated values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7)
    expect(normalCdf(1)).toBeCloseTo(0.8413447, 6)
    expect(twoSidedP(1.959964)).toBeCloseTo(0.05, 6)
    expect(twoSidedP(3)).toBeCloseTo(0.0026998, 6)
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6)
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 6)
  })
})

describe('Mann-Whitney U against a hand-worked example', () => {
  // canary 2 4 4 7, baseline 1 3 4 5 6. Pooled in order: 1 2 3 4 4 4 5 6 7; the three 4s share ranks 4–6, so each
  // gets 5. Canary rank sum 2 + 5 + 5 + 9 = 21, U = 21 − 4·5/2 = 11, E[U] = 4·5/2 = 10.
  // One tie group of 3: Σ(t³ − t) = 24. Var = 4·5/12 · (10 − 24/(9·8)) = 145/9.
  // z = (|11 − 10| − 0.5) / √(145/9) = 0.124568, p = 2(1 − Φ(z)) = 0.900865 (scipy's mannwhitneyu, asymptotic, agrees).
  const canary = [2, 4, 4, 7]
  const baseline = [1, 3, 4, 5, 6]

  it('gives U, its variance, z and p', () => {
    const r = mannWhitneyU(canary, baseline)
    expect(r.u).toBe(11)
    expect(r.uExpected).toBe(10)
    expect(r.tieTerm).toBe(24)
    expect(r.variance).toBeCloseTo(145 / 9, 12)
    expect(r.z).toBeCloseTo(0.5 / Math.sqrt(145 / 9), 12)
    expect(r.p).toBeCloseTo(0.9008654, 6)
    expect(r.probabilityOfSuperiority).toBe(11 / 20)
  })

  it('refuses empty sides and values that are not finite rather than return a skewed answer', () => {
    expect(() => mannWhitneyU([], baseline)).toThrow(RangeError)
    expect(() => mannWhitneyU([1, Number.NaN], baseline)).toThrow(RangeError)
    expect(() => hodgesLehmannShift(canary, [Number.POSITIVE_INFINITY])).toThrow(RangeError)
  })

  it('is symmetric: swapping the sides mirrors U and keeps p', () => {
    const r = mannWhitneyU(baseline, canary)
    expect(r.u).toBe(9)
    expect(r.p).toBeCloseTo(0.9008654, 6)
  })

  it('gives the Hodges-Lehmann shift as the median of the 20 pairwise differences', () => {
    // Sorted differences: −4 −3 −2 −2 −2 −1 −1 −1 0 0 | 1 1 1 1 2 3 3 3 4 6, so the median is (0 + 1) / 2.
    // k = ⌊10 − 1.96·√(20·10/12)⌋ = ⌊1.998⌋ = 1: too few pairs for more than the full range at 95 %.
    expect(hodgesLehmannShift(canary, baseline)).toMatchObject({ estimate: 0.5, lower: -4, upper: 6, k: 1, pairs: 20, method: 'all-pairs' })
  })
})

describe('the Hodges-Lehmann interval', () => {
  it('brackets a pure shift by the order statistics the normal approximation picks', () => {
    // Differences are 5 + (i − j) for i, j in 1..10: value 5 + d appears 10 − |d| times.
    // k = ⌊50 − 1.96·√(100·21/12)⌋ = ⌊24.07⌋ = 24. Cumulative counts reach 21 at d = −4 and 28 at d = −3, so
    // D(24) = 5 − 3 = 2 and by symmetry D(77) = 8.
    const baseline = Array.from({ length: 10 }, (_, i) => i + 1)
    const canary = baseline.map((v) => v + 5)
    expect(hodgesLehmannShift(canary, baseline)).toMatchObject({ estimate: 5, lower: 2, upper: 8, k: 24, pairs: 100 })
  })

  it('finds the same order statistics by selection as by sorting every pair, ties included', () => {
    const canary = logNormal(11, 300, 120, 0.4).map((v) => Math.round(v))
    const baseline = logNormal(12, 257, 110, 0.4).map((v) => Math.round(v))
    const exact = hodgesLehmannShift(canary, baseline)
    const selected = hodgesLehmannShift(canary, baseline, { allPairsLimit: 1000 })
    expect(exact.method).toBe('all-pairs')
    expect(selected.method).toBe('selection')
    expect(selected).toEqual({ ...exact, method: 'selection' })
  })

  it('stays fast at 5,000 samples per side (25 million pairs)', () => {
    const canary = logNormal(21, 5000, 130, 0.35)
    const baseline = logNormal(22, 5000, 120, 0.35)
    const began = performance.now()
    const result = analyse(canary, baseline)
    const elapsed = performance.now() - began
    expect(result.shift?.method).toBe('selection')
    expect(result.verdict).toBe('worse')
    expect(result.shift?.estimate).toBeGreaterThan(5)
    expect(result.shift?.estimate).toBeLessThan(15)
    expect(elapsed).toBeLessThan(3000)
  })
})

describe('canary verdicts', () => {
  it('passes identical distributions', () => {
    const result = analyse(logNormal(1, 60, 100, 0.3), logNormal(2, 60, 100, 0.3))
    expect(result.verdict).toBe('pass')
    expect(result.test?.p).toBeGreaterThan(0.05)
    expect(result.shift?.lower).toBeLessThan(0)
    expect(result.shift?.upper).toBeGreaterThan(0)
    expect(result.reason).toMatch(/^no significant difference between canary and baseline \(U = .*, z = .*, p = .*, shift .* \(95% CI/)
  })

  it('calls a clear rise worse when higher is worse, and better when lower is worse', () => {
    const baseline = logNormal(3, 40, 100, 0.2)
    const canary = logNormal(4, 40, 160, 0.2)
    const latency = analyse(canary, baseline)
    expect(latency.verdict).toBe('worse')
    expect(latency.test?.significant).toBe(true)
    expect(latency.shift?.estimate).toBeGreaterThan(40)
    expect(latency.shift?.lower).toBeGreaterThan(0)
    expect(latency.canary.median).toBeGreaterThan(latency.baseline.median ?? Infinity)
    expect(latency.reason).toMatch(/^the canary is higher than the baseline/)

    expect(analyse(canary, baseline, { worseWhen: 'lower' }).verdict).toBe('better')
    expect(analyse(baseline, canary, { worseWhen: 'lower' }).verdict).toBe('worse')
    expect(analyse(baseline, canary).verdict).toBe('better')
  })

  it('calls a rise from zero errors worse once significant, even though the median shift is zero', () => {
    // 20 baseline samples at 0; the canary has errors in 5 of 20. 35 tied zeros: p ≈ 0.0198 with the tie correction.
    const baseline = new Array<number>(20).fill(0)
    const canary = [...new Array<number>(15).fill(0), 0.01, 0.02, 0.01, 0.03, 0.02]
    const result = analyse(canary, baseline)
    expect(result.test?.u).toBe(250)
    expect(result.test?.p).toBeCloseTo(0.019764, 5)
    expect(result.shift?.estimate).toBe(0)
    expect(result.verdict).toBe('worse')
  })

  it('does not pass a rise from zero errors that is not yet significant', () => {
    const baseline = new Array<number>(20).fill(0)
    const canary = [...new Array<number>(17).fill(0), 0.01, 0.02, 0.01]
    const result = analyse(canary, baseline)
    expect(result.test?.p).toBeCloseTo(0.080563, 5)
    expect(result.verdict).toBe('not-enough-data')
    expect(result.guard).toBe('rise-from-zero')
    expect(result.reason).toContain('3 of 20 canary samples were above zero')
  })

  it('handles constant series without dividing by zero', () => {
    const flat = analyse(new Array<number>(15).fill(0.5), new Array<number>(15).fill(0.5))
    expect(flat).toMatchObject({ verdict: 'pass', test: { z: 0, p: 1, variance: 0, u: 112.5 } })
    expect(flat.shift).toMatchObject({ estimate: 0, lower: 0, upper: 0 })

    const zeros = analyse(new Array<number>(15).fill(0), new Array<number>(15).fill(0))
    expect(zeros.verdict).toBe('pass')

    const stepUp = analyse(new Array<number>(15).fill(1), new Array<number>(15).fill(0))
    expect(stepUp.verdict).toBe('worse')
    expect(stepUp.shift).toMatchObject({ estimate: 1, lower: 1, upper: 1 })
    expect(Number.isFinite(stepUp.test?.z)).toBe(true)
  })

  it('has not enough data below the minimum per side, but still shows the numbers it has', () => {
    const small = analyse(logNormal(5, 9, 300, 0.2), logNormal(6, 30, 100, 0.2))
    expect(small.verdict).toBe('not-enough-data')
    expect(small.reason).toBe('9 canary and 30 baseline samples in the window; 10 per side are needed')
    expect(small.canary.n).toBe(9)
    expect(small.test?.u).toBeGreaterThan(0)

    const none = analyse([], logNormal(6, 30, 100, 0.2))
    expect(none).toMatchObject({ verdict: 'not-enough-data', test: null, shift: null, canary: { n: 0, median: null } })
    expect(analyse(logNormal(5, 9, 300, 0.2), logNormal(6, 30, 100, 0.2), { minSamples: 5 }).verdict).toBe('worse')
  })

  it('uses only the window, and leaves out values that are not finite', () => {
    const canary = samples([...logNormal(7, 20, 100, 0.2), Number.NaN, Number.POSITIVE_INFINITY])
    const baseline = samples(logNormal(8, 40, 100, 0.2))
    const window = { from: start, to: start + 19 * 5000 }
    const result = analyseCanary({ canary, baseline, window, worseWhen: 'higher' })
    expect(result.canary).toMatchObject({ n: 20, dropped: 0 })
    expect(result.baseline.n).toBe(20)
    const unwindowed = analyseCanary({ canary, baseline, worseWhen: 'higher' })
    expect(unwindowed.canary).toMatchObject({ n: 20, dropped: 2 })
  })

  it('reports medians, means and extremes per side', () => {
    const result = analyse([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22])
    expect(result.canary).toEqual({ n: 10, median: 5.5, mean: 5.5, min: 1, max: 10, dropped: 0 })
    expect(result.baseline).toEqual({ n: 11, median: 12, mean: 12, min: 2, max: 22, dropped: 0 })
  })
})
