import { twoSidedP } from './normal-distribution'

/**
 * The two-sided Mann-Whitney U test (Wilcoxon rank-sum), by the normal approximation:
 *
 * - ties get the average of the ranks they span, and the variance is reduced by Σ(t³ − t) / (N(N − 1)) over tie
 *   groups. Without that correction a series that is mostly zeros (error counts on a healthy service) looks far
 *   noisier than it is, and a real rise from zero reads as chance;
 * - the continuity correction moves |U − nm/2| half a unit toward zero, since U is discrete, which keeps p from
 *   being optimistic at the sample sizes a soak window gives (R's `wilcox.test(correct = TRUE)` does the same);
 * - when every value is tied the variance is zero: there is no evidence of a difference, so z = 0 and p = 1 rather
 *   than a division by zero.
 *
 * The exact distribution would be better below about 20 per side, but the canary analysis refuses to judge below its
 * minimum sample count anyway, and the exact test does not handle ties.
 */
export interface MannWhitneyResult {
  /** U of the first sample (the canary): pairs where it is larger, plus half the tied pairs. */
  u: number
  /** nm / 2, U's mean when both samples come from one distribution. */
  uExpected: number
  /** U's variance under that hypothesis, tie-corrected. */
  variance: number
  z: number
  p: number
  /** U / nm: how often a canary value beats a baseline value (ties count half). 0.5 means no difference. */
  probabilityOfSuperiority: number
  /** Values shared by more than one observation, as Σ(t³ − t): zero when there are no ties. */
  tieTerm: number
}

export function mannWhitneyU(first: readonly number[], second: readonly number[]): MannWhitneyResult {
  const n = first.length
  const m = second.length
  if (n === 0 || m === 0) throw new RangeError('Mann-Whitney needs at least one value on each side')
  if (!first.every(Number.isFinite) || !second.every(Number.isFinite)) {
    throw new RangeError('Mann-Whitney needs finite values; leave out NaN and infinities first')
  }
  const total = n + m
  const pooled = new Float64Array(total)
  pooled.set(first)
  pooled.set(second, n)
  // Sort indices rather than values so each rank can be attributed to its side.
  const order = Array.from({ length: total }, (_, i) => i).sort((a, b) => pooled[a] - pooled[b])

  let rankSumFirst = 0
  let tieTerm = 0
  for (let start = 0; start < total; ) {
    let end = start + 1
    while (end < total && pooled[order[end]] === pooled[order[start]]) end++
    const t = end - start
    const averageRank = (start + 1 + end) / 2
    for (let k = start; k < end; k++) if (order[k] < n) rankSumFirst += averageRank
    if (t > 1) tieTerm += t * t * t - t
    start = end
  }

  const u = rankSumFirst - (n * (n + 1)) / 2
  const uExpected = (n * m) / 2
  const variance = total > 1 ? ((n * m) / 12) * (total + 1 - tieTerm / (total * (total - 1))) : 0
  const deviation = u - uExpected
  // A tiny positive variance left over from floating-point cancellation is still "all tied".
  const sd = variance > 1e-12 ? Math.sqrt(variance) : 0
  const corrected = Math.max(0, Math.abs(deviation) - 0.5) * Math.sign(deviation)
  const z = sd === 0 ? 0 : corrected / sd
  return { u, uExpected, variance: sd === 0 ? 0 : variance, z, p: twoSidedP(z), probabilityOfSuperiority: u / (n * m), tieTerm }
}
