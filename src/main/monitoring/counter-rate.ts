/**
 * A counter only goes up, except when the process behind it restarts and it starts again from zero. A drop is
 * therefore read as a reset: everything counted since the reset is the new value, as Prometheus's `rate()` reads it.
 */
export function counterIncrease(previous: number, current: number): number {
  return current < previous ? current : current - previous
}

/** The counter series of one scrape, keyed by series identity (see `seriesKey`), read at `t` (epoch ms). */
export interface CounterSnapshot {
  t: number
  series: ReadonlyMap<string, number>
}

export type RateOutcome = { ok: true; perSecond: number; seriesCount: number } | { ok: false; message: string }

/**
 * The increase of each series present in both snapshots. A series seen for the first time has nothing to compare
 * with and waits for the next scrape, as a new series does in Prometheus.
 */
export function seriesIncreases(previous: CounterSnapshot, current: CounterSnapshot): Map<string, number> {
  const increases = new Map<string, number>()
  for (const [key, value] of current.series) {
    const before = previous.series.get(key)
    if (before !== undefined) increases.set(key, counterIncrease(before, value))
  }
  return increases
}

/** Per-second rate between two snapshots, summed over the series present in both (Prometheus's `sum(rate(…))`). */
export function counterRate(previous: CounterSnapshot, current: CounterSnapshot): RateOutcome {
  const seconds = (current.t - previous.t) / 1000
  if (!(seconds > 0)) return { ok: false, message: 'the last two readings of the counter carry the same time, so no rate can be taken yet' }
  const increases = seriesIncreases(previous, current)
  if (increases.size === 0) return { ok: false, message: 'no series of the counter appeared in both of the last two readings' }
  let increase = 0
  for (const v of increases.values()) increase += v
  return { ok: true, perSecond: increase / seconds, seriesCount: increases.size }
}
