/** One chart point, in the shape chart.js reads without parsing: x is epoch ms. */
export interface ChartPoint {
  x: number
  y: number
}

/**
 * A signal's points for its chart: history fetched once per range, then live samples appended in place. The array is
 * shared with the chart (chart.js with `parsing: false` reads it as is), so a live sample costs one push and one
 * `update('none')`, never a copy of 48 hours of points.
 */
export class SeriesBuffer {
  points: ChartPoint[] = []
  /** Points older than this are dropped as new ones arrive: the chart's range start. */
  keepFrom = 0
  /** Bumped whenever the points change, so a view can tell its own signal's buffer moved without copying it. */
  version = 0
  private readonly listeners = new Set<(kind: 'replace' | 'append') => void>()

  subscribe(listener: (kind: 'replace' | 'append') => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** History for a range; live points newer than its end are kept, since they arrived while it was being fetched. */
  replace(history: readonly { t: number; v: number }[], keepFrom: number): void {
    const last = history.length ? history[history.length - 1].t : -Infinity
    const newer = this.points.filter((p) => p.x > last)
    this.points = [...history.map((s) => ({ x: s.t, y: s.v })), ...newer]
    this.keepFrom = keepFrom
    this.emit('replace')
  }

  /**
   * Live samples, oldest first, pushed at the end. A sample older than the last point (a backfill from Prometheus
   * arriving after live polls) is merged into its place; one at an instant already drawn replaces it.
   */
  append(samples: readonly { t: number; v: number }[]): number {
    let added = 0
    let merged = false
    for (const s of samples) {
      if (s.t < this.keepFrom) continue
      const last = this.points[this.points.length - 1]
      if (!last || s.t > last.x) {
        this.points.push({ x: s.t, y: s.v })
        added++
        continue
      }
      if (s.t === last.x) {
        last.y = s.v // the same reading again
        continue
      }
      const at = countBefore(this.points, s.t)
      if (this.points[at]?.x === s.t) this.points[at].y = s.v
      else {
        this.points.splice(at, 0, { x: s.t, y: s.v })
        added++
      }
      merged = true
    }
    const stale = countBefore(this.points, this.keepFrom)
    // Trimming shifts the whole array; do it in chunks rather than on every sample.
    if (stale > 256) this.points.splice(0, stale)
    // Points inserted in the middle are not an append: the chart must redraw its whole line.
    if (merged) this.emit('replace')
    else if (added > 0) this.emit('append')
    return added
  }

  private emit(kind: 'replace' | 'append'): void {
    this.version++
    for (const l of this.listeners) l(kind)
  }
}

/** How many points lie before `t` (points are sorted by x). */
export function countBefore(points: readonly ChartPoint[], t: number): number {
  let lo = 0
  let hi = points.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (points[mid].x < t) lo = mid + 1
    else hi = mid
  }
  return lo
}
