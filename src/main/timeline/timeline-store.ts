import type { Db } from '../store/database'
import type { Actor, Role } from '../../shared/roles'
import type { ChainVerdict, TimelineEntry, TimelineKind } from '../../shared/timeline'
import { GENESIS_HASH, rowHash, verifyChain } from './timeline-chain'

interface TimelineRow {
  id: number
  release_id: string
  seq: number
  at: string
  kind: TimelineKind
  actor_name: string | null
  actor_role: Role | null
  summary: string
  data: string
  prev_hash: string
  hash: string
}

function toEntry(r: TimelineRow): TimelineEntry {
  return {
    id: r.id,
    releaseId: r.release_id,
    seq: r.seq,
    at: r.at,
    kind: r.kind,
    actor: r.actor_name !== null && r.actor_role !== null ? { name: r.actor_name, role: r.actor_role } : null,
    summary: r.summary,
    data: JSON.parse(r.data) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash
  }
}

export interface TimelineFilter {
  releaseId: string
  kinds?: readonly string[]
  role?: Role
  actor?: string
  text?: string
  limit: number
  beforeSeq?: number
}

export interface NewTimelineEntry {
  releaseId: string
  at: string
  kind: TimelineKind
  actor: Actor | null
  summary: string
  data?: Record<string, unknown>
}

/** The append-only, hash-chained event log of each release. */
export class TimelineStore {
  private readonly headStmt
  private readonly insertStmt
  private readonly allStmt
  private readonly countStmt

  constructor(private readonly db: Db) {
    this.headStmt = db.prepare<[string], { seq: number; hash: string }>(
      'SELECT seq, hash FROM timeline WHERE release_id = ? ORDER BY seq DESC LIMIT 1'
    )
    this.insertStmt = db.prepare(`
      INSERT INTO timeline (release_id, seq, at, kind, actor_name, actor_role, summary, data, prev_hash, hash)
      VALUES (@releaseId, @seq, @at, @kind, @actorName, @actorRole, @summary, @data, @prevHash, @hash)`)
    this.allStmt = db.prepare<[string], TimelineRow>('SELECT * FROM timeline WHERE release_id = ? ORDER BY seq')
    this.countStmt = db.prepare<[{ id: string }], { n: number; hash: string | null }>(
      'SELECT count(*) AS n, (SELECT hash FROM timeline WHERE release_id = @id ORDER BY seq DESC LIMIT 1) AS hash FROM timeline WHERE release_id = @id'
    )
  }

  /** Must run inside the caller's transaction, so the entry commits with the change it records, or not at all. */
  append(e: NewTimelineEntry): TimelineEntry {
    const head = this.headStmt.get(e.releaseId)
    const seq = (head?.seq ?? 0) + 1
    const prevHash = head?.hash ?? GENESIS_HASH
    const data = e.data ?? {}
    const hash = rowHash(prevHash, { releaseId: e.releaseId, seq, at: e.at, kind: e.kind, actor: e.actor, summary: e.summary, data })
    const info = this.insertStmt.run({
      releaseId: e.releaseId,
      seq,
      at: e.at,
      kind: e.kind,
      actorName: e.actor?.name ?? null,
      actorRole: e.actor?.role ?? null,
      summary: e.summary,
      data: JSON.stringify(data),
      prevHash,
      hash
    })
    return { id: Number(info.lastInsertRowid), releaseId: e.releaseId, seq, at: e.at, kind: e.kind, actor: e.actor, summary: e.summary, data, prevHash, hash }
  }

  /** Newest first. Filters run in SQL so a 20,000-row timeline does not cross into JavaScript to be searched. */
  list(f: TimelineFilter): TimelineEntry[] {
    const where = ['release_id = @releaseId']
    const params: Record<string, unknown> = { releaseId: f.releaseId, limit: f.limit }
    if (f.kinds?.length) {
      where.push(`kind IN (${f.kinds.map((_, i) => `@k${i}`).join(',')})`)
      f.kinds.forEach((k, i) => (params[`k${i}`] = k))
    }
    if (f.role) {
      where.push('actor_role = @role')
      params.role = f.role
    }
    if (f.actor) {
      where.push("actor_name LIKE @actor ESCAPE '\\'")
      params.actor = `%${escapeLike(f.actor)}%`
    }
    if (f.text) {
      where.push("(summary LIKE @text ESCAPE '\\' OR data LIKE @text ESCAPE '\\')")
      params.text = `%${escapeLike(f.text)}%`
    }
    if (f.beforeSeq !== undefined) {
      where.push('seq < @beforeSeq')
      params.beforeSeq = f.beforeSeq
    }
    return this.db
      .prepare<Record<string, unknown>, TimelineRow>(`SELECT * FROM timeline WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT @limit`)
      .all(params)
      .map(toEntry)
  }

  all(releaseId: string): TimelineEntry[] {
    return this.allStmt.all(releaseId).map(toEntry)
  }

  head(releaseId: string): { count: number; headHash: string } {
    const r = this.countStmt.get({ id: releaseId })
    return { count: r?.n ?? 0, headHash: r?.hash ?? GENESIS_HASH }
  }

  /** Streams the chain so verifying a long timeline does not hold it all in memory. */
  verify(releaseId: string): ChainVerdict {
    let count = 0
    const rows = this.allStmt.iterate(releaseId)
    let unreadable: ChainVerdict | undefined
    function* entries(): Generator<TimelineEntry> {
      for (const r of rows) {
        count++
        try {
          yield toEntry(r)
        } catch {
          // A row whose data is no longer JSON was edited outside the app.
          unreadable = { ok: false, count, firstBad: { seq: r.seq, id: r.id, reason: `entry #${r.seq} was changed after it was written` } }
          return
        }
      }
    }
    const verdict = verifyChain(entries())
    return unreadable ?? verdict
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`)
}
