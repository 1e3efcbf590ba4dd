import type { Sample } from '../../shared/signal'

/**
 * At most `max` points, oldest first. Time is cut into max / 2 buckets and each keeps its lowest and highest reading,
 * in time order, so a one-sample spike that breached a threshold still shows on the chart.
 */
export function downsample(points: readonly Sample[], max: number): Sample[] {
  if (points.length <= max) return [...points]
  const buckets = Math.max(1, Math.floor(max / 2))
  const from = points[0].t
  const span = points[points.length - 1].t - from + 1
  const kept: Sample[] = []
  let bucket = -1
  let lo: Sample | undefined
  let hi: Sample | undefined
  const flush = () => {
    if (!lo || !hi) return
    if (lo === hi) kept.push(lo)
    else kept.push(...(lo.t <= hi.t ? [lo, hi] : [hi, lo]))
  }
  for (const p of points) {
    const b = Math.min(buckets - 1, Math.floor(((p.t - from) / span) * buckets))
    if (b !== bucket) {
      flush()
      bucket = b
      lo = p
      hi = p
      continue
    }
    if (lo && p.v < lo.v) lo = p
    if (hi && p.v > hi.v) hi = p
  }
  flush()
  return kept
}
