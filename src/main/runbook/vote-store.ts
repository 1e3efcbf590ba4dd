import { randomUUID } from 'node:crypto'
import type { Db } from '../store/database'
import type { Actor, Role } from '../../shared/roles'
import type { GateId, Verdict, Vote, VoteSnapshot } from '../../shared/runbook'

interface VoteRow {
  id: string
  gate: GateId
  verdict: Verdict
  rationale: string
  actor_name: string
  actor_role: Role
  at: string
  supersedes: string | null
  superseded_by: string | null
  snapshot: string
}

/** Votes are rows that are only ever inserted; "superseded by" is derived from the later vote that names them. */
export class VoteStore {
  private readonly insertStmt
  private readonly byReleaseStmt
  private readonly latestByActorStmt

  constructor(db: Db) {
    this.insertStmt = db.prepare(`
      INSERT INTO votes (id, release_id, gate, verdict, rationale, actor_name, actor_role, at, supersedes, snapshot)
      VALUES (@id, @releaseId, @gate, @verdict, @rationale, @name, @role, @at, @supersedes, @snapshot)`)
    this.byReleaseStmt = db.prepare<[string], VoteRow>(`
      SELECT v.*, (SELECT s.id FROM votes s WHERE s.supersedes = v.id) AS superseded_by
      FROM votes v WHERE v.release_id = ? ORDER BY v.at, v.rowid`)
    this.latestByActorStmt = db.prepare<[string, string, string, string], { id: string }>(`
      SELECT id FROM votes v WHERE release_id = ? AND gate = ? AND actor_name = ? AND actor_role = ?
        AND NOT EXISTS (SELECT 1 FROM votes s WHERE s.supersedes = v.id)`)
  }

  cast(v: { releaseId: string; gate: GateId; verdict: Verdict; rationale: string; actor: Actor; at: string; snapshot: VoteSnapshot }): string {
    const previous = this.latestByActorStmt.get(v.releaseId, v.gate, v.actor.name, v.actor.role)
    const id = randomUUID()
    this.insertStmt.run({
      id,
      releaseId: v.releaseId,
      gate: v.gate,
      verdict: v.verdict,
      rationale: v.rationale,
      name: v.actor.name,
      role: v.actor.role,
      at: v.at,
      supersedes: previous?.id ?? null,
      snapshot: JSON.stringify(v.snapshot)
    })
    return id
  }

  list(releaseId: string): Vote[] {
    return this.byReleaseStmt.all(releaseId).map((r) => ({
      id: r.id,
      gate: r.gate,
      verdict: r.verdict,
      rationale: r.rationale,
      actor: { name: r.actor_name, role: r.actor_role },
      at: r.at,
      supersedes: r.supersedes,
      supersededBy: r.superseded_by,
      snapshot: JSON.parse(r.snapshot) as VoteSnapshot
    }))
  }
}
