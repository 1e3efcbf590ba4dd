import type { Db } from '../store/database'
import type { SampleStore } from '../signals/sample-store'

export interface SignalStats {
  count: number
  min: number | null
  max: number | null
  mean: number | null
  /** The latest raw reading in the range. */
  last: number | null
}

interface Totals {
  n: number
  lo: number | null
  hi: number | null
  total: number | null
}

/**
 * Exact statistics of a signal over a range, raw samples and per-minute rollups together, so a report on a release
 * older than the raw retention still gets its true min, max and mean.
 */
export class SignalStatsStore {
  private readonly rawStmt
  private readonly rollupStmt
  private readonly lastStmt

  constructor(
    db: Db,
    private readonly samples: SampleStore
  ) {
    this.rawStmt = db.prepare<[number, number, number], Totals>(
      'SELECT count(*) AS n, min(v) AS lo, max(v) AS hi, sum(v) AS total FROM all_samples WHERE sid = ? AND t >= ? AND t <= ?'
    )
    this.rollupStmt = db.prepare<[number, number, number], Totals>(
      'SELECT coalesce(sum(n), 0) AS n, min(lo) AS lo, max(hi) AS hi, sum(total) AS total FROM sample_rollups WHERE sid = ? AND t >= ? AND t <= ?'
    )
    this.lastStmt = db.prepare<{ sid: number; from: number; to: number }, { v: number }>(`
      SELECT t, v FROM (SELECT t, v FROM recent_samples WHERE sid = @sid AND t >= @from AND t <= @to ORDER BY t DESC LIMIT 1)
      UNION ALL SELECT t, v FROM (SELECT t, v FROM samples WHERE sid = @sid AND t >= @from AND t <= @to ORDER BY t DESC LIMIT 1)
      ORDER BY t DESC LIMIT 1`)
  }

  stats(sid: number, from: number, to: number): SignalStats {
    // Rollups stand in only for the minutes before the oldest raw sample kept.
    const floor = this.samples.rawFloor(sid)
    const parts = [this.rawStmt.get(sid, from, to), this.rollupStmt.get(sid, from, Math.min(to, floor - 1))].filter((p): p is Totals => !!p && p.n > 0)
    const count = parts.reduce((s, p) => s + p.n, 0)
    if (count === 0) return { count: 0, min: null, max: null, mean: null, last: null }
    const total = parts.reduce((s, p) => s + (p.total ?? 0), 0)
    return {
      count,
      min: Math.min(...parts.map((p) => p.lo ?? Infinity)),
      max: Math.max(...parts.map((p) => p.hi ?? -Infinity)),
      mean: total / count,
      last: this.lastStmt.get({ sid, from, to })?.v ?? null
    }
  }
}
