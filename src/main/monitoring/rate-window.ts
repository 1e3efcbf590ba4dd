import { seriesIncreases, type CounterSnapshot } from './counter-rate'

/** The increase of each series over one interval between two scrapes. */
export interface IntervalIncrease {
  start: number
  end: number
  increases: ReadonlyMap<string, number>
}

/**
 * Counter increases over the last few scrape intervals, for a rate over a window (Prometheus's `rate(x[2m])`). Each
 * interval is taken between consecutive scrapes with resets handled there, so a restart inside the window costs
 * nothing; the window then sums the intervals, which a single first-to-last difference could not do across a reset.
 */
export class RateWindow {
  private previous: CounterSnapshot | undefined
  private intervals: IntervalIncrease[] = []

  /** `windowMs` of 0 keeps only the newest interval: the rate between the last two scrapes. */
  constructor(private readonly windowMs: number) {}

  /** Adds a scrape; false when it is the first, so there is no interval yet. */
  add(current: CounterSnapshot): boolean {
    const before = this.previous
    this.previous = current
    if (!before) return false
    this.intervals.push({ start: before.t, end: current.t, increases: seriesIncreases(before, current) })
    const oldestEnd = current.t - this.windowMs
    // Keep every interval that ends inside the window, and always the newest one.
    while (this.intervals.length > 1 && (this.windowMs === 0 || this.intervals[0].end <= oldestEnd)) this.intervals.shift()
    return true
  }

  /** Summed increases per series over the window, and the span it covers in ms. */
  totals(): { increases: Map<string, number>; spanMs: number } {
    const increases = new Map<string, number>()
    for (const interval of this.intervals) {
      for (const [key, value] of interval.increases) increases.set(key, (increases.get(key) ?? 0) + value)
    }
    const spanMs = this.intervals.length === 0 ? 0 : this.intervals[this.intervals.length - 1].end - this.intervals[0].start
    return { increases, spanMs }
  }
}
