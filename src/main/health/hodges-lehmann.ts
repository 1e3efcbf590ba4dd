import { normalQuantile } from './normal-distribution'

/**
 * The Hodges-Lehmann estimate of the shift between two samples: the median of every pairwise difference
 * (first − second), with the distribution-free confidence interval that goes with the Mann-Whitney test. With the
 * nm differences in order, D(1) ≤ … ≤ D(nm), the interval is [D(k), D(nm − k + 1)] with
 *
 *   k = ⌊nm/2 − z(1 − α/2) · √(nm(n + m + 1)/12)⌋
 *
 * (the normal approximation to the rank of U's critical value; Hollander & Wolfe, ch. 4). Rounding down widens the
 * interval, the safe side. When k falls below 1 the samples are too small for the confidence asked, and the interval
 * is the whole range of differences.
 *
 * Up to `allPairsLimit` differences (one million by default, ~8 MB) they are all computed and sorted. Beyond that the
 * three or four order statistics needed are found by selection without materialising the differences: sort both
 * samples, then bisect on the value, counting the differences at or below it in O(n + m) with two pointers, until
 * few enough candidates remain to sort. That is O((n + m) log(n + m)) plus O(n + m) per bisection step, so 5,000 per
 * side takes milliseconds where all pairs would be 25 million numbers. Both paths give the same exact result.
 */
export interface ShiftEstimate {
  estimate: number
  lower: number
  upper: number
  /** The confidence asked for, such as 0.95. */
  confidence: number
  /** The order statistic used for the bounds (1-based), for whoever wants to check the arithmetic. */
  k: number
  pairs: number
  method: 'all-pairs' | 'selection'
}

export const DEFAULT_ALL_PAIRS_LIMIT = 1_000_000

export function hodgesLehmannShift(
  first: readonly number[],
  second: readonly number[],
  options: { confidence?: number; allPairsLimit?: number } = {}
): ShiftEstimate {
  const n = first.length
  const m = second.length
  if (n === 0 || m === 0) throw new RangeError('Hodges-Lehmann needs at least one value on each side')
  // A NaN would sort to one end and an infinity would make differences NaN; either silently skews the estimate.
  if (!first.every(Number.isFinite) || !second.every(Number.isFinite)) {
    throw new RangeError('Hodges-Lehmann needs finite values; leave out NaN and infinities first')
  }
  const confidence = options.confidence ?? 0.95
  const pairs = n * m
  const z = normalQuantile(1 - (1 - confidence) / 2)
  const k = Math.max(1, Math.floor(pairs / 2 - z * Math.sqrt((pairs * (n + m + 1)) / 12)))

  const method = pairs <= (options.allPairsLimit ?? DEFAULT_ALL_PAIRS_LIMIT) ? 'all-pairs' : 'selection'
  const orderStatistic = method === 'all-pairs' ? allPairs(first, second) : pairSelector(first, second)
  const middle = (pairs + 1) / 2
  const estimate = Number.isInteger(middle)
    ? orderStatistic(middle)
    : (orderStatistic(Math.floor(middle)) + orderStatistic(Math.ceil(middle))) / 2
  return { estimate, lower: orderStatistic(k), upper: orderStatistic(pairs - k + 1), confidence, k, pairs, method }
}

type OrderStatistic = (rank: number) => number

function allPairs(first: readonly number[], second: readonly number[]): OrderStatistic {
  const d = new Float64Array(first.length * second.length)
  let i = 0
  for (const a of first) for (const b of second) d[i++] = a - b
  d.sort()
  return (rank) => d[rank - 1]
}

/** Candidates left when bisection stops and the rest are sorted directly. */
const SORT_BELOW = 200_000

/** The rank-th smallest difference a − b without building all of them (see the module comment). */
export function pairSelector(first: readonly number[], second: readonly number[]): OrderStatistic {
  const a = Float64Array.from(first).sort()
  const b = Float64Array.from(second).sort()
  const n = a.length
  const m = b.length

  // For each a[i], the differences a[i] − b[j] fall as j rises, so those ≤ v are a suffix of b starting at
  // firstAtOrBelow(i, v). That start only moves right as i grows, hence one pass per count.
  const suffixStarts = (v: number): Int32Array => {
    const starts = new Int32Array(n)
    let j = 0
    for (let i = 0; i < n; i++) {
      while (j < m && a[i] - b[j] > v) j++
      starts[i] = j
    }
    return starts
  }
  const countAtOrBelow = (v: number): number => {
    let count = 0
    let j = 0
    for (let i = 0; i < n; i++) {
      while (j < m && a[i] - b[j] > v) j++
      count += m - j
    }
    return count
  }

  return (rank) => {
    const smallest = a[0] - b[m - 1]
    let lo = smallest
    let countLo = countAtOrBelow(lo)
    if (countLo >= rank) return smallest
    let hi = a[n - 1] - b[0]
    let countHi = n * m
    // Invariant: countLo < rank ≤ countHi, so the answer is a difference in (lo, hi].
    while (countHi - countLo > SORT_BELOW) {
      const mid = lo / 2 + hi / 2
      // No double between lo and hi: every candidate equals hi.
      if (mid <= lo || mid >= hi) return hi
      const c = countAtOrBelow(mid)
      if (c >= rank) {
        hi = mid
        countHi = c
      } else {
        lo = mid
        countLo = c
      }
    }
    const fromHi = suffixStarts(hi)
    const fromLo = suffixStarts(lo)
    const candidates = new Float64Array(countHi - countLo)
    let c = 0
    for (let i = 0; i < n; i++) for (let j = fromHi[i]; j < fromLo[i]; j++) candidates[c++] = a[i] - b[j]
    candidates.sort()
    return candidates[rank - countLo - 1]
  }
}
