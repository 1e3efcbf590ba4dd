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
 * Samples, raw and downsampled. Raw rows are `(sid, t, v)` keyed on (sid, t); older ones are folded into per-minute
 * rollups (count, min, max, sum) by `fold`, so a chart over days reads rollups and a chart over minutes reads raw.
 */
export class SampleStore {
  private readonly insertStmt
  private readonly insertChunkStmt
  private readonly rawStmt
  private readonly rawCountUpToStmt
  private readonly rollupStmt
  private readonly rollupCountStmt
  private readonly rawMinStmt
  private readonly rawMaxStmt
  private readonly rollupMinStmt
  private readonly rollupMaxStmt
  private readonly oldestStmt
  private readonly foldStmt
  private readonly dropRawStmt
  private readonly pruneRollupsStmt
  private readonly deleteRawStmt
  private readonly deleteRollupsStmt
  private readonly recentStmt
  private readonly rawSumStmt
  private readonly rollupSumStmt

  constructor(db: Db) {
    // A repeated instant replaces: a signal is never polled twice at once, so it can only be the same reading again.
    this.insertStmt = db.prepare<[number, number, number]>('INSERT OR REPLACE INTO samples (sid, t, v) VALUES (?, ?, ?)')
    this.insertChunkStmt = db.prepare<[number[]]>(`INSERT OR REPLACE INTO samples (sid, t, v) VALUES ${Array(INSERT_CHUNK).fill('(?, ?, ?)').join(', ')}`)
    this.rawStmt = db.prepare<[number, number, number], Sample>('SELECT t, v FROM samples WHERE sid = ? AND t >= ? AND t <= ? ORDER BY t')
    // Deciding whether to decimate needs only to know if the range holds more than the panel can draw: counting stops
    // there, instead of walking 48 hours of samples once more before the two passes that decimate them.
    this.rawCountUpToStmt = db.prepare<[number, number, number, number], { n: number }>(
      'SELECT count(*) AS n FROM (SELECT 1 FROM samples WHERE sid = ? AND t >= ? AND t <= ? LIMIT ?)'
    )
    this.rollupStmt = db.prepare<[number, number, number], { t: number; lo: number; hi: number }>(
      'SELECT t, lo, hi FROM sample_rollups WHERE sid = ? AND t >= ? AND t <= ? ORDER BY t'
    )
    this.rollupCountStmt = db.prepare<[number, number, number], { n: number }>(
      'SELECT count(*) AS n FROM sample_rollups WHERE sid = ? AND t >= ? AND t <= ?'
    )
    // SQLite fills a bare column of a min() or max() aggregate from the row that holds the extreme, so each bucket's
    // lowest and highest readings come back with their own times, in one index walk each.
    type B = { sid: number; from: number; to: number; bucket: number }
    this.rawMinStmt = db.prepare<B, Extreme & { n: number }>(
      'SELECT t, min(v) AS v, count(*) AS n FROM samples WHERE sid = @sid AND t >= @from AND t <= @to GROUP BY CAST((t - @from) / @bucket AS INTEGER)'
    )
    this.rawMaxStmt = db.prepare<B, Extreme>(
      'SELECT t, max(v) AS v FROM samples WHERE sid = @sid AND t >= @from AND t <= @to GROUP BY CAST((t - @from) / @bucket AS INTEGER)'
    )
    this.rollupMinStmt = db.prepare<B, Extreme>(
      'SELECT t, min(lo) AS v FROM sample_rollups WHERE sid = @sid AND t >= @from AND t <= @to GROUP BY CAST((t - @from) / @bucket AS INTEGER)'
    )
    this.rollupMaxStmt = db.prepare<B, Extreme>(
      'SELECT t + 30000 AS t, max(hi) AS v FROM sample_rollups WHERE sid = @sid AND t >= @from AND t <= @to GROUP BY CAST((t - @from) / @bucket AS INTEGER)'
    )
    this.oldestStmt = db.prepare<[number], { t: number | null }>('SELECT min(t) AS t FROM samples WHERE sid = ?')
    this.foldStmt = db.prepare<[number, number, number]>(`
      INSERT INTO sample_rollups (sid, t, n, lo, hi, total)
      SELECT sid, (t / ${MINUTE}) * ${MINUTE}, count(*), min(v), max(v), sum(v) FROM samples
      WHERE sid = ? AND t >= ? AND t < ? GROUP BY 2
      ON CONFLICT (sid, t) DO UPDATE SET n = n + excluded.n, lo = min(lo, excluded.lo), hi = max(hi, excluded.hi), total = total + excluded.total`)
    this.dropRawStmt = db.prepare<[number, number, number]>('DELETE FROM samples WHERE sid = ? AND t >= ? AND t < ?')
    this.pruneRollupsStmt = db.prepare<[number, number]>('DELETE FROM sample_rollups WHERE sid = ? AND t < ?')
    this.deleteRawStmt = db.prepare<[number]>('DELETE FROM samples WHERE sid = ?')
    this.deleteRollupsStmt = db.prepare<[number]>('DELETE FROM sample_rollups WHERE sid = ?')
    this.recentStmt = db.prepare<[number, number], Sample>('SELECT t, v FROM samples WHERE sid = ? AND t >= ? ORDER BY t')
    this.rawSumStmt = db.prepare<[number, number, number], { n: number; total: number | null }>(
      'SELECT count(*) AS n, sum(v) AS total FROM samples WHERE sid = ? AND t >= ? AND t <= ?'
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
    const rolled = this.rollupSumStmt.get(sid, from, to)
    const n = (raw?.n ?? 0) + (rolled?.n ?? 0)
    if (n === 0) return null
    return { mean: ((raw?.total ?? 0) + (rolled?.total ?? 0)) / n, n }
  }

  insert(sid: number, t: number, v: number): void {
    this.insertStmt.run(sid, t, v)
  }

  /** Many samples as flat `sid, t, v` triples, in as few statement steps as the chunk size allows. */
  insertMany(rows: readonly number[]): void {
    const whole = rows.length - (rows.length % (3 * INSERT_CHUNK))
    for (let i = 0; i < whole; i += 3 * INSERT_CHUNK) this.insertChunkStmt.run(rows.slice(i, i + 3 * INSERT_CHUNK))
    for (let i = whole; i < rows.length; i += 3) this.insertStmt.run(rows[i], rows[i + 1], rows[i + 2])
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
   * buckets and each keeps its lowest and highest reading, so a one-sample spike still shows at any zoom. A
   * downsampled minute contributes its low and its high.
   */
  range(sid: number, from: number, to: number, maxPoints: number): { points: Sample[]; decimated: boolean; total: number } {
    const rollupCount = this.rollupCountStmt.get(sid, from, to)?.n ?? 0
    const room = Math.max(0, maxPoints - 2 * rollupCount)
    const rawUpTo = this.rawCountUpToStmt.get(sid, from, to, room + 1)?.n ?? 0
    if (rawUpTo <= room) {
      const total = rawUpTo + 2 * rollupCount
      const rolled = rollupCount === 0 ? [] : this.rollupStmt.all(sid, from, to).flatMap((r) => [{ t: r.t, v: r.lo }, { t: r.t + 30_000, v: r.hi }])
      const raw = this.rawStmt.all(sid, from, to)
      return { points: rolled.length ? mergeByTime(rolled, raw) : raw, decimated: false, total }
    }
    const buckets = Math.max(1, Math.floor(maxPoints / 2))
    const bucket = Math.max(1, Math.ceil((to - from + 1) / buckets))
    const params = { sid, from, to, bucket }
    const lows = this.rawMinStmt.all(params)
    const total = lows.reduce((sum, b) => sum + b.n, 0) + 2 * rollupCount
    const parts: Extreme[] = [...lows, ...this.rawMaxStmt.all(params)]
    if (rollupCount > 0) parts.push(...this.rollupMinStmt.all(params), ...this.rollupMaxStmt.all(params))
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
   * Folds one signal's raw samples older than `cutoff` into per-minute rollups, at most `sliceMs` of them per call, so
   * a backlog (a first run after days offline) is worked off in small steps that never hold the main thread long.
   * Returns how many raw rows were folded.
   */
  fold(sid: number, cutoff: number, sliceMs: number): number {
    const oldest = this.oldestStmt.get(sid)?.t
    if (oldest === null || oldest === undefined) return 0
    const end = Math.floor(Math.min(cutoff, oldest + sliceMs) / MINUTE) * MINUTE
    if (end <= oldest) return 0
    this.foldStmt.run(sid, oldest, end)
    return this.dropRawStmt.run(sid, oldest, end).changes
  }

  pruneRollups(sid: number, cutoff: number): number {
    return this.pruneRollupsStmt.run(sid, cutoff).changes
  }

  deleteSignal(sid: number): void {
    this.deleteRawStmt.run(sid)
    this.deleteRollupsStmt.run(sid)
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
