import type { Db } from '../store/database'
import type { Actor, Role } from '../../shared/roles'
import type { Comparator } from '../../shared/review'

interface LinkRow {
  release_id: string
  criterion: number
  signal_id: string
  comparator: Comparator
  value: number
  window_minutes: number
  set_by: string
  set_role: Role
  set_at: string
  settled: SettledAs | null
  settled_at: string | null
}

export type SettledAs = 'met' | 'missed' | 'no-data' | 'by-person'

/** A success criterion to be read from one of the release's signals at the end of its validation window. */
export interface StoredLink {
  releaseId: string
  criterion: number
  signalId: string
  comparator: Comparator
  value: number
  windowMinutes: number
  setBy: Actor
  setAt: string
  settled: SettledAs | null
  settledAt: string | null
}

function toLink(r: LinkRow): StoredLink {
  return {
    releaseId: r.release_id,
    criterion: r.criterion,
    signalId: r.signal_id,
    comparator: r.comparator,
    value: r.value,
    windowMinutes: r.window_minutes,
    setBy: { name: r.set_by, role: r.set_role },
    setAt: r.set_at,
    settled: r.settled,
    settledAt: r.settled_at
  }
}

export class OutcomeSignalStore {
  private readonly byReleaseStmt
  private readonly getStmt
  private readonly upsertStmt
  private readonly unsettledStmt
  private readonly settleStmt

  constructor(db: Db) {
    this.byReleaseStmt = db.prepare<[string], LinkRow>('SELECT * FROM outcome_signals WHERE release_id = ? ORDER BY criterion')
    this.getStmt = db.prepare<[string, number], LinkRow>('SELECT * FROM outcome_signals WHERE release_id = ? AND criterion = ?')
    // Setting a link again replaces it: only an unsettled link can be set, so nothing measured is lost.
    this.upsertStmt = db.prepare(`
      INSERT INTO outcome_signals (release_id, criterion, signal_id, comparator, value, window_minutes, set_by, set_role, set_at)
      VALUES (@releaseId, @criterion, @signalId, @comparator, @value, @windowMinutes, @name, @role, @at)
      ON CONFLICT (release_id, criterion) DO UPDATE SET signal_id = excluded.signal_id, comparator = excluded.comparator,
        value = excluded.value, window_minutes = excluded.window_minutes, set_by = excluded.set_by, set_role = excluded.set_role,
        set_at = excluded.set_at`)
    this.unsettledStmt = db.prepare<[], LinkRow>('SELECT * FROM outcome_signals WHERE settled IS NULL ORDER BY release_id, criterion')
    this.settleStmt = db.prepare('UPDATE outcome_signals SET settled = @settled, settled_at = @at WHERE release_id = @releaseId AND criterion = @criterion')
  }

  list(releaseId: string): StoredLink[] {
    return this.byReleaseStmt.all(releaseId).map(toLink)
  }

  get(releaseId: string, criterion: number): StoredLink | undefined {
    const row = this.getStmt.get(releaseId, criterion)
    return row ? toLink(row) : undefined
  }

  set(l: Omit<StoredLink, 'settled' | 'settledAt' | 'setBy' | 'setAt'>, actor: Actor, at: string): StoredLink {
    this.upsertStmt.run({ ...l, name: actor.name, role: actor.role, at })
    return this.get(l.releaseId, l.criterion)!
  }

  unsettled(): StoredLink[] {
    return this.unsettledStmt.all().map(toLink)
  }

  settle(releaseId: string, criterion: number, settled: SettledAs, at: string): void {
    this.settleStmt.run({ releaseId, criterion, settled, at })
  }
}
