import type { Db } from '../store/database'
import type { Sample } from '../../shared/signal'

const MINUTE = 60_000
/** Rows per multi-row INSERT: one statement step for many rows is most of what separates a tick from a bare insert. */
const INSERT_CHUNK = 100

interface Extreme {
  t: number
  v: number
}

/**
 * Samples, raw and summarized, for one signal key `sid`.
 *
 * Raw readings live in two tables of the same shape: live polls land in the small `recent_samples` (cheap to write
 * to), and `settle` moves them into the per-signal clustered `samples` (cheap to read a range from) every 15 s.
 * Reads go through the `all_samples` view of both.
 *
 * Per-minute rollups (count, min, max, sum) follow a couple of minutes behind the present: `summarize` counts every
 * minute older than a horizon and records how far it got in `signals.summarized_to`. A chart over days reads them;
 * raw samples past the retention age are then dropped by `fold`, which never drops a minute not yet summarized.
 * Raw and rollups overlap wherever both are kept, so exact figures (a mean, a short chart) take rollups only for
 * the minutes before the oldest raw sample, and raw for the rest.
 */
export class SampleStore {
  private readonly insertStmt
  private readonly countPastStmt
  private readonly insertLiveStmt
  private readonly insertLiveChunkStmt
  private readonly settleStmt
  private readonly clearSettledStmt
  private readonly rawStmt
  private readonly rawCountUpToStmt
  private readonly rollupStmt
  private readonly rollupCountStmt
  private readonly rawMinStmt
  private readonly rawMaxStmt
  private readonly rollupMinStmt
  private readonly rollupMaxStmt
  private readonly oldestSettledStmt
  private readonly oldestRecentStmt
  private readonly horizonStmt
  private readonly summarizeStmt
  private readonly setHorizonStmt
  private readonly dropRawStmt
  private readonly pruneRollupsStmt
  private readonly deleteRawStmt
  private readonly deleteRecentStmt
  private readonly deleteRollupsStmt
  private readonly recentStmt
  private readonly rawSumStmt
  private readonly rollupSumStmt

  constructor(db: Db) {
    // A repeated instant replaces: a signal is never polled twice at once, so it can only be the same reading again.
    this.insertStmt = db.prepare<[number, number, number]>('INSERT OR REPLACE INTO samples (sid, t, v) VALUES (?, ?, ?)')
    // A reading from the past, below the signal's summary horizon, is counted into its minute as it is stored. The
    // CAST: a bound number divides as a real.
    this.countPastStmt = db.prepare<{ sid: number; t: number; v: number }>(`
      INSERT INTO sample_rollups (sid, t, n, lo, hi, total)
      SELECT @sid, CAST(@t / ${MINUTE} AS INTEGER) * ${MINUTE}, 1, @v, @v, @v FROM signals WHERE sid = @sid AND summarized_to > @t
      ON CONFLICT (sid, t) DO UPDATE SET n = n + 1, lo = min(lo, excluded.lo), hi = max(hi, excluded.hi), total = total + excluded.total`)
    this.insertLiveStmt = db.prepare<[number, number, number]>('INSERT OR REPLACE INTO recent_samples (sid, t, v) VALUES (?, ?, ?)')
    this.insertLiveChunkStmt = db.prepare<[number[]]>(`INSERT OR REPLACE INTO recent_samples (sid, t, v) VALUES ${Array(INSERT_CHUNK).fill('(?, ?, ?)').join(', ')}`)
    // In key order, so each signal's readings are appended to its own pages in one pass.
    this.settleStmt = db.prepare<[number, number]>('INSERT OR REPLACE INTO samples (sid, t, v) SELECT sid, t, v FROM recent_samples WHERE sid >= ? AND sid <= ? ORDER BY sid, t')
    this.clearSettledStmt = db.prepare<[number, number]>('DELETE FROM recent_samples WHERE sid >= ? AND sid <= ?')
    this.rawStmt = db.prepare<[number, number, number], Sample>('SELECT t, v FROM all_samples WHERE sid = ? AND t >= ? AND t <= ? ORDER BY t')
    // Deciding whether to decimate needs only to know if the range holds more than the panel can draw: counting stops
    // there, instead of walking 48 hours of samples once more before the two passes that decimate them.
    this.rawCountUpToStmt = db.prepare<[number, number, number, number], { n: number }>(
      'SELECT count(*) AS n FROM (SELECT 1 FROM all_samples WHERE sid = ? AND t >= ? AND t <= ? LIMIT ?)'
    )
    this.rollupStmt = db.prepare<[number, number, number], { t: number; lo: number; hi: number; n: number }>(
      'SELECT t, lo, hi, n FROM sample_rollups WHERE sid = ? AND t >= ? AND t <= ? ORDER BY t'
    )
    this.rollupCountStmt = db.prepare<[number, number, number], { rows: number; n: number }>(
      'SELECT count(*) AS rows, coalesce(sum(n), 0) AS n FROM sample_rollups WHERE sid = ? AND t >= ? AND t <= ?'
    )
    // SQLite fills a bare column of a min() or max() aggregate from the row that holds the extreme, so each bucket's
    // lowest and highest readings come back with their own times, in one index walk each. Buckets are counted from
    // `from` whatever part of the range [lo, hi] a statement reads, so raw and rolled-up parts share their edges.
    type B = { sid: number; from: number; lo: number; hi: number; bucket: number }
    const bucketOf = 'GROUP BY CAST((t - @from) / @bucket AS INTEGER)'
    this.rawMinStmt = db.prepare<B, Extreme & { n: number }>(`SELECT t, min(v) AS v, count(*) AS n FROM all_samples WHERE sid = @sid AND t >= @lo AND t <= @hi ${bucketOf}`)
    this.rawMaxStmt = db.prepare<B, Extreme>(`SELECT t, max(v) AS v FROM all_samples WHERE sid = @sid AND t >= @lo AND t <= @hi ${bucketOf}`)
    this.rollupMinStmt = db.prepare<B, Extreme & { n: number }>(
      `SELECT t, min(lo) AS v, sum(n) AS n FROM sample_rollups WHERE sid = @sid AND t >= @lo AND t <= @hi ${bucketOf}`
    )
    this.rollupMaxStmt = db.prepare<B, Extreme>(`SELECT t + 30000 AS t, max(hi) AS v FROM sample_rollups WHERE sid = @sid AND t >= @lo AND t <= @hi ${bucketOf}`)
    this.oldestSettledStmt = db.prepare<[number, number], { t: number | null }>('SELECT min(t) AS t FROM samples WHERE sid = ? AND t >= ?')
    this.oldestRecentStmt = db.prepare<[number, number], { t: number | null }>('SELECT min(t) AS t FROM recent_samples WHERE sid = ? AND t >= ?')
    this.horizonStmt = db.prepare<[number], { t: number | null }>('SELECT summarized_to AS t FROM signals WHERE sid = ?')
    this.summarizeStmt = db.prepare<[number, number, number]>(`
      INSERT INTO sample_rollups (sid, t, n, lo, hi, total)
      SELECT sid, (t / ${MINUTE}) * ${MINUTE}, count(*), min(v), max(v), sum(v) FROM all_samples
      WHERE sid = ? AND t >= ? AND t < ? GROUP BY 1, 2
      ON CONFLICT (sid, t) DO UPDATE SET n = n + excluded.n, lo = min(lo, excluded.lo), hi = max(hi, excluded.hi), total = total + excluded.total`)
    this.setHorizonStmt = db.prepare<[number, number]>('UPDATE signals SET summarized_to = ? WHERE sid = ?')
    this.dropRawStmt = db.prepare<[number, number]>('DELETE FROM samples WHERE sid = ? AND t < ?')
    this.pruneRollupsStmt = db.prepare<[number, number]>('DELETE FROM sample_rollups WHERE sid = ? AND t < ?')
    this.deleteRawStmt = db.prepare<[number]>('DELETE FROM samples WHERE sid = ?')
    this.deleteRecentStmt = db.prepare<[number]>('DELETE FROM recent_samples WHERE sid = ?')
    this.deleteRollupsStmt = db.prepare<[number]>('DELETE FROM sample_rollups WHERE sid = ?')
    this.recentStmt = db.prepare<[number, number], Sample>('SELECT t, v FROM all_samples WHERE sid = ? AND t >= ? ORDER BY t')
    this.rawSumStmt = db.prepare<[number, number, number], { n: number; total: number | null }>(
      'SELECT count(*) AS n, sum(v) AS total FROM all_samples WHERE sid = ? AND t >= ? AND t <= ?'
    )
    this.rollupSumStmt = db.prepare<[number, number, number], { n: number | null; total: number | null }>(
      'SELECT sum(n) AS n, sum(total) AS total FROM sample_rollups WHERE sid = ? AND t >= ? AND t <= ?'
    )
  }

  /**
   * The mean of every reading in the range, raw and folded alike (a rollup keeps its count and sum), so a validation
   * window of days reads the same mean after its raw samples have been folded. Null when the range holds none.
   */
  mean(sid: number, from: number, to: number): { mean: number; n: number } | null {
    const raw = this.rawSumStmt.get(sid, from, to)
    const rolled = this.rollupSumStmt.get(sid, from, Math.min(to, this.rawFloor(sid) - 1))
    const n = (raw?.n ?? 0) + (rolled?.n ?? 0)
    if (n === 0) return null
    return { mean: ((raw?.total ?? 0) + (rolled?.total ?? 0)) / n, n }
  }

  /**
   * A reading from the past (a backfill, an import): stored straight among the settled samples, and counted into its
   * minute's rollup when that minute was already summarized. Replacing a reading already counted there would count
   * the minute twice; a backfill only ever fills gaps, so it is not guarded against.
   */
  insert(sid: number, t: number, v: number): void {
    this.insertStmt.run(sid, t, v)
    this.countPastStmt.run({ sid, t, v })
  }

  /** A tick's live readings as flat `sid, t, v` triples, into the recent table in as few statement steps as the chunk size allows. */
  insertLive(rows: readonly number[]): void {
    const whole = rows.length - (rows.length % (3 * INSERT_CHUNK))
    for (let i = 0; i < whole; i += 3 * INSERT_CHUNK) this.insertLiveChunkStmt.run(rows.slice(i, i + 3 * INSERT_CHUNK))
    for (let i = whole; i < rows.length; i += 3) this.insertLiveStmt.run(rows[i], rows[i + 1], rows[i + 2])
  }

  /** Moves the recent readings of signals `fromSid` to `toSid` among the settled ones. Returns how many moved. */
  settle(fromSid: number, toSid: number): number {
    const moved = this.settleStmt.run(fromSid, toSid).changes
    this.clearSettledStmt.run(fromSid, toSid)
    return moved
  }

  /** Raw samples only, oldest first: for a gate or a canary window, which are recent by nature. */
  since(sid: number, from: number): Sample[] {
    return this.recentStmt.all(sid, from)
  }

  raw(sid: number, from: number, to: number): Sample[] {
    return this.rawStmt.all(sid, from, to)
  }

  /**
   * The range as at most about `maxPoints` points, oldest first. When it holds more, time is cut into maxPoints / 2
   * buckets and each keeps its lowest and highest reading, so a one-sample spike still shows at any zoom. A rolled-up
   * minute contributes its low and its high. Buckets of a minute or more are read from the rollups up to the summary
   * horizon, and from raw samples only for the last minutes after it.
   */
  range(sid: number, from: number, to: number, maxPoints: number): { points: Sample[]; decimated: boolean; total: number } {
    const floor = this.rawFloor(sid)
    // Rollups stand in for raw samples only where raw ones are gone.
    const rolledTo = Math.min(to, floor - 1)
    const rolled = from <= rolledTo ? (this.rollupCountStmt.get(sid, from, rolledTo) ?? { rows: 0, n: 0 }) : { rows: 0, n: 0 }
    const room = Math.max(0, maxPoints - 2 * rolled.rows)
    const rawUpTo = this.rawCountUpToStmt.get(sid, from, to, room + 1)?.n ?? 0
    if (rawUpTo <= room) {
      const total = rawUpTo + rolled.n
      const minutes = rolled.rows === 0 ? [] : this.rollupStmt.all(sid, from, rolledTo).flatMap((r) => [{ t: r.t, v: r.lo }, { t: r.t + 30_000, v: r.hi }])
      const raw = this.rawStmt.all(sid, from, to)
      return { points: minutes.length ? mergeByTime(minutes, raw) : raw, decimated: false, total }
    }
    const buckets = Math.max(1, Math.floor(maxPoints / 2))
    const bucket = Math.max(1, Math.ceil((to - from + 1) / buckets))
    const horizon = this.horizonStmt.get(sid)?.t ?? null
    // Where rollups and raw both exist, a bucket of a minute or more reads the rollups: 60 times fewer rows.
    const split = bucket >= MINUTE && horizon !== null ? Math.min(Math.max(horizon, from), to + 1) : Math.min(Math.max(floor, from), to + 1)
    const parts: Extreme[] = []
    let total = 0
    if (split > from) {
      const lows = this.rollupMinStmt.all({ sid, from, lo: from, hi: split - 1, bucket })
      total += lows.reduce((sum, b) => sum + b.n, 0)
      parts.push(...lows, ...this.rollupMaxStmt.all({ sid, from, lo: from, hi: split - 1, bucket }))
    }
    if (split <= to) {
      const lows = this.rawMinStmt.all({ sid, from, lo: split, hi: to, bucket })
      total += lows.reduce((sum, b) => sum + b.n, 0)
      parts.push(...lows, ...this.rawMaxStmt.all({ sid, from, lo: split, hi: to, bucket }))
    }
    parts.sort((a, b) => a.t - b.t || a.v - b.v)
    const points: Sample[] = []
    for (const p of parts) {
      const last = points[points.length - 1]
      // A bucket with one reading gives it as both its low and its high.
      if (last && last.t === p.t && last.v === p.v) continue
      points.push({ t: p.t, v: p.v })
    }
    return { points, decimated: true, total }
  }

  /**
   * Counts one signal's minutes older than `horizon` into its rollups, from where the last call stopped (or from its
   * oldest raw sample), at most `sliceMs` of them per call so a backlog is worked off in small steps. Returns how many
   * minute rows it wrote and whether minutes before the horizon remain.
   */
  summarize(sid: number, horizon: number, sliceMs: number): { rows: number; more: boolean } {
    const from = this.horizonStmt.get(sid)?.t ?? null
    const target = Math.floor(horizon / MINUTE) * MINUTE
    if (from !== null && from >= target) return { rows: 0, more: false }
    // Time with no readings (an app closed overnight) is stepped over rather than summarized a slice at a time.
    const next = this.oldestRaw(sid, from ?? -Infinity)
    if (next === null) return { rows: 0, more: false }
    const start = Math.max(from ?? -Infinity, Math.floor(next / MINUTE) * MINUTE)
    const end = Math.min(target, Math.floor((start + sliceMs) / MINUTE) * MINUTE)
    if (end <= start) return { rows: 0, more: false }
    const rows = this.summarizeStmt.run(sid, start, end).changes
    this.setHorizonStmt.run(end, sid)
    return { rows, more: end < target }
  }

  /**
   * Where dropping one signal's settled raw samples older than `cutoff` would stop: whole minutes, at most `sliceMs`
   * of them per call, never past its summary horizon (so every dropped reading is already counted in a rollup). Null
   * when there is nothing to drop.
   */
  foldEnd(sid: number, cutoff: number, sliceMs: number): number | null {
    const horizon = this.horizonStmt.get(sid)?.t ?? null
    const oldest = this.oldestSettledStmt.get(sid, Number.MIN_SAFE_INTEGER)?.t ?? null
    if (horizon === null || oldest === null) return null
    const end = Math.floor(Math.min(cutoff, horizon, oldest + sliceMs) / MINUTE) * MINUTE
    return end > oldest ? end : null
  }

  /** Drops one signal's settled raw samples older than `end` (from `foldEnd`). Returns how many were dropped. */
  fold(sid: number, end: number): number {
    return this.dropRawStmt.run(sid, end).changes
  }

  pruneRollups(sid: number, cutoff: number): number {
    return this.pruneRollupsStmt.run(sid, cutoff).changes
  }

  deleteSignal(sid: number): void {
    this.deleteRawStmt.run(sid)
    this.deleteRecentStmt.run(sid)
    this.deleteRollupsStmt.run(sid)
  }

  /** The time of the oldest raw sample at or after `from`, in either raw table. */
  private oldestRaw(sid: number, from = -Infinity): number | null {
    const after = Math.max(Number.MIN_SAFE_INTEGER, from)
    const settled = this.oldestSettledStmt.get(sid, after)?.t ?? null
    const recent = this.oldestRecentStmt.get(sid, after)?.t ?? null
    if (settled === null) return recent
    return recent === null ? settled : Math.min(settled, recent)
  }

  /**
   * The start of the minute of the oldest raw sample kept: from there on raw samples are complete, and rollups stand
   * in only before it. Infinity when none are kept.
   */
  rawFloor(sid: number): number {
    const oldest = this.oldestRaw(sid)
    return oldest === null ? Infinity : Math.floor(oldest / MINUTE) * MINUTE
  }
}

function mergeByTime(a: Sample[], b: Sample[]): Sample[] {
  const out: Sample[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].t <= b[j].t)) out.push(a[i++])
    else out.push(b[j++])
  }
  return out
}
