import { counterIncrease } from './counter-rate'
import { parseSampleValue, type ExpositionSample } from './exposition-parser'

/** A cumulative bucket: how many observations were at most `le`. */
export interface Bucket {
  le: number
  count: number
}

export type BucketsOutcome = { ok: true; buckets: Bucket[] } | { ok: false; message: string }

/**
 * Collects `_bucket` series into one histogram. Series that differ in labels other than `le` (several instances, say)
 * are added bucket by bucket, which is what `sum by (le)` does before `histogram_quantile`.
 */
export function bucketsFromSeries(series: readonly ExpositionSample[]): BucketsOutcome {
  const byLe = new Map<number, number>()
  for (const s of series) {
    const leText = s.labels.le
    if (leText === undefined) return { ok: false, message: `${s.name} has a series without an le label, so it is not a histogram bucket` }
    const le = parseSampleValue(leText)
    if (le === undefined || Number.isNaN(le)) return { ok: false, message: `${s.name} has a bucket with le="${leText}", which is not a number` }
    byLe.set(le, (byLe.get(le) ?? 0) + s.value)
  }
  if (byLe.size === 0) return { ok: false, message: 'no histogram buckets matched' }
  const buckets = [...byLe].map(([le, count]) => ({ le, count })).sort((a, b) => a.le - b.le)
  if (buckets[buckets.length - 1].le !== Number.POSITIVE_INFINITY) {
    return { ok: false, message: 'the histogram has no le="+Inf" bucket, so its total count is unknown' }
  }
  return { ok: true, buckets }
}

/**
 * The increase of each bucket between two scrapes of one histogram, so a quantile describes the recent interval
 * rather than everything since the process started (which barely moves during a rollout). Each bucket is a counter,
 * so a drop is a reset. Buckets missing from the earlier scrape are left out.
 */
export function bucketIncrease(previous: readonly Bucket[], current: readonly Bucket[]): Bucket[] {
  const before = new Map(previous.map((b) => [b.le, b.count]))
  return current.flatMap((b) => {
    const was = before.get(b.le)
    return was === undefined ? [] : [{ le: b.le, count: counterIncrease(was, b.count) }]
  })
}

/**
 * Prometheus's `histogram_quantile` on classic buckets: find the bucket holding the q-th observation and interpolate
 * linearly inside it. Returns NaN when there is nothing to estimate (no observations, fewer than two buckets, no +Inf
 * bucket). If the quantile falls in the +Inf bucket the highest finite bound is returned, because nothing is known
 * about how far beyond it the observations lie.
 */
export function histogramQuantile(q: number, input: readonly Bucket[]): number {
  if (Number.isNaN(q)) return Number.NaN
  if (q < 0) return Number.NEGATIVE_INFINITY
  if (q > 1) return Number.POSITIVE_INFINITY
  if (input.length === 0) return Number.NaN
  const sorted = [...input].sort((a, b) => a.le - b.le)
  if (sorted[sorted.length - 1].le !== Number.POSITIVE_INFINITY) return Number.NaN

  // Coalesce repeated bounds, then force the counts monotonic: scrapes are not atomic, so a bucket read a moment
  // later can hold fewer observations than the one below it.
  const buckets: Bucket[] = []
  for (const b of sorted) {
    const last = buckets[buckets.length - 1]
    if (last && last.le === b.le) last.count += b.count
    else buckets.push({ le: b.le, count: b.count })
  }
  let max = Number.NEGATIVE_INFINITY
  for (const b of buckets) {
    max = Math.max(max, b.count)
    b.count = max
  }
  if (buckets.length < 2) return Number.NaN
  const observations = buckets[buckets.length - 1].count
  if (!(observations > 0)) return Number.NaN

  let rank = q * observations
  let b = buckets.findIndex((bucket, i) => i < buckets.length - 1 && bucket.count >= rank)
  if (b === -1) b = buckets.length - 1
  if (b === buckets.length - 1) return buckets[buckets.length - 2].le
  if (b === 0 && buckets[0].le <= 0) return buckets[0].le

  let start = 0
  let count = buckets[b].count
  if (b > 0) {
    start = buckets[b - 1].le
    count -= buckets[b - 1].count
    rank -= buckets[b - 1].count
  }
  return start + (buckets[b].le - start) * (rank / count)
}
