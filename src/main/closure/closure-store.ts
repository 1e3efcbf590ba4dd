import type { Db } from '../store/database'
import type { Actor, Role } from '../../shared/roles'
import type { Outcome, OutcomeResult, ReleaseNotes, ReleaseNotesText } from '../../shared/closure'
import type { SuccessCriterion } from '../../shared/release'

interface NotesRow {
  whats_new: string
  fixes: string
  known_issues: string
  upgrade: string
  updated_by: string
  updated_role: Role
  updated_at: string
}

interface OutcomeRow {
  criterion: number
  result: OutcomeResult
  measured: string | null
  note: string | null
  actor_name: string
  actor_role: Role
  at: string
}

export const EMPTY_NOTES: ReleaseNotes = { whatsNew: '', fixes: '', knownIssues: '', upgrade: '', updatedBy: null, updatedAt: null }

/** Release notes and outcome measurements of each release. */
export class ClosureStore {
  private readonly notesStmt
  private readonly upsertNotesStmt
  private readonly outcomesStmt
  private readonly insertOutcomeStmt

  constructor(db: Db) {
    this.notesStmt = db.prepare<[string], NotesRow>('SELECT * FROM release_notes WHERE release_id = ?')
    this.upsertNotesStmt = db.prepare(`
      INSERT INTO release_notes (release_id, whats_new, fixes, known_issues, upgrade, updated_by, updated_role, updated_at)
      VALUES (@releaseId, @whatsNew, @fixes, @knownIssues, @upgrade, @name, @role, @at)
      ON CONFLICT (release_id) DO UPDATE SET whats_new = excluded.whats_new, fixes = excluded.fixes,
        known_issues = excluded.known_issues, upgrade = excluded.upgrade, updated_by = excluded.updated_by,
        updated_role = excluded.updated_role, updated_at = excluded.updated_at`)
    this.outcomesStmt = db.prepare<[string], OutcomeRow>('SELECT * FROM outcomes WHERE release_id = ? ORDER BY id')
    this.insertOutcomeStmt = db.prepare(`
      INSERT INTO outcomes (release_id, criterion, result, measured, note, actor_name, actor_role, at)
      VALUES (@releaseId, @criterion, @result, @measured, @note, @name, @role, @at)`)
  }

  notes(releaseId: string): ReleaseNotes {
    const r = this.notesStmt.get(releaseId)
    if (!r) return EMPTY_NOTES
    return {
      whatsNew: r.whats_new,
      fixes: r.fixes,
      knownIssues: r.known_issues,
      upgrade: r.upgrade,
      updatedBy: { name: r.updated_by, role: r.updated_role },
      updatedAt: r.updated_at
    }
  }

  setNotes(releaseId: string, notes: ReleaseNotesText, actor: Actor, at: string): void {
    this.upsertNotesStmt.run({ releaseId, ...notes, name: actor.name, role: actor.role, at })
  }

  /** `actor` is a person, or a signal (role "signal") when the outcome was read from one at the end of validation. */
  record(o: { releaseId: string; criterion: number; result: OutcomeResult; measured?: string; note?: string; actor: Actor | { name: string; role: 'signal' }; at: string }): void {
    this.insertOutcomeStmt.run({
      releaseId: o.releaseId,
      criterion: o.criterion,
      result: o.result,
      measured: o.measured ?? null,
      note: o.note ?? null,
      name: o.actor.name,
      role: o.actor.role,
      at: o.at
    })
  }

  /** Each criterion with its latest measurement, or "not measured". */
  outcomes(releaseId: string, criteria: readonly SuccessCriterion[]): Outcome[] {
    const latest = new Map<number, OutcomeRow>()
    for (const row of this.outcomesStmt.all(releaseId)) latest.set(row.criterion, row)
    return criteria.map((c, criterion) => {
      const row = latest.get(criterion)
      return {
        criterion,
        description: c.description,
        target: c.target ?? null,
        result: row?.result ?? 'not measured',
        measured: row?.measured ?? null,
        note: row?.note ?? null,
        by: row ? { name: row.actor_name, role: row.actor_role } : null,
        at: row?.at ?? null
      }
    })
  }
}
