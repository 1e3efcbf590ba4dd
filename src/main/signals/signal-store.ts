import type { Db } from '../store/database'
import type { SignalDefinition, SignalState } from '../../shared/signal'
import type { SignalStatus } from '../../shared/room-signals'
import type { BreachTracker } from '../health/signal-evaluation'

interface SignalRow {
  sid: number
  id: string
  release_id: string
  position: number
  definition: string
  state: SignalState
  state_reason: string | null
  threshold: number | null
  last_value: number | null
  last_at: number | null
  last_error: string | null
  last_error_at: number | null
  breach: string | null
  created_at: string
}

/** A stored signal: its definition, its integer sample key, and where it stood at its last write. */
export interface SignalRecord {
  sid: number
  id: string
  releaseId: string
  position: number
  definition: SignalDefinition
  status: SignalStatus
  lastValue?: { v: number; t: number }
  lastError?: { message: string; t: number }
  breach: BreachTracker | null
  createdAt: string
}

/** What a tick writes back for one signal. */
export interface SignalProgress {
  state: SignalState
  reason?: string
  threshold?: number
  lastValue?: { v: number; t: number }
  lastError?: { message: string; t: number }
  breach: BreachTracker | null
}

function toRecord(r: SignalRow): SignalRecord {
  const status: SignalStatus = { signalId: r.id, state: r.state }
  if (r.last_value !== null && r.last_at !== null) Object.assign(status, { value: r.last_value, at: r.last_at })
  if (r.threshold !== null) status.threshold = r.threshold
  if (r.state_reason !== null) status.reason = r.state_reason
  return {
    sid: r.sid,
    id: r.id,
    releaseId: r.release_id,
    position: r.position,
    definition: JSON.parse(r.definition) as SignalDefinition,
    status,
    ...(r.last_value !== null && r.last_at !== null ? { lastValue: { v: r.last_value, t: r.last_at } } : {}),
    ...(r.last_error !== null && r.last_error_at !== null ? { lastError: { message: r.last_error, t: r.last_error_at } } : {}),
    breach: r.breach === null ? null : (JSON.parse(r.breach) as BreachTracker),
    createdAt: r.created_at
  }
}

/** Signal definitions and their current state. Statements are prepared once; writes run in the caller's transaction. */
export class SignalStore {
  private readonly insertStmt
  private readonly byIdStmt
  private readonly byReleaseStmt
  private readonly activeStmt
  private readonly nextPositionStmt
  private readonly defineStmt
  private readonly progressStmt
  private readonly deleteStmt
  private readonly sidsStmt

  constructor(db: Db) {
    this.insertStmt = db.prepare(`
      INSERT INTO signals (id, release_id, position, name, role, definition, created_at, updated_at)
      VALUES (@id, @releaseId, @position, @name, @role, @definition, @at, @at)`)
    this.byIdStmt = db.prepare<[string], SignalRow>('SELECT * FROM signals WHERE id = ?')
    this.byReleaseStmt = db.prepare<[string], SignalRow>('SELECT * FROM signals WHERE release_id = ? ORDER BY position, sid')
    // The poller watches releases that can still change: not closed, rolled back or aborted.
    this.activeStmt = db.prepare<[], SignalRow>(`
      SELECT s.* FROM signals s JOIN releases r ON r.id = s.release_id
      WHERE r.status NOT IN ('closed', 'rolled-back', 'aborted') ORDER BY s.release_id, s.position, s.sid`)
    this.nextPositionStmt = db.prepare<[string], { p: number }>('SELECT coalesce(max(position), 0) + 1 AS p FROM signals WHERE release_id = ?')
    // A new definition starts the signal over: its old state and breach belonged to the old rule.
    this.defineStmt = db.prepare(`
      UPDATE signals SET name = @name, role = @role, definition = @definition, updated_at = @at,
        state = 'stale', state_reason = 'changed; waiting for its first reading', threshold = NULL, breach = NULL,
        last_error = NULL, last_error_at = NULL
      WHERE id = @id`)
    this.progressStmt = db.prepare(`
      UPDATE signals SET state = @state, state_reason = @reason, threshold = @threshold, last_value = @value, last_at = @at,
        last_error = @error, last_error_at = @errorAt, breach = @breach
      WHERE sid = @sid`)
    this.deleteStmt = db.prepare('DELETE FROM signals WHERE id = ?')
    this.sidsStmt = db.prepare<[], { sid: number }>('SELECT sid FROM signals ORDER BY sid')
  }

  insert(s: { id: string; releaseId: string; definition: SignalDefinition; at: string }): SignalRecord {
    const position = this.nextPositionStmt.get(s.releaseId)?.p ?? 1
    this.insertStmt.run({
      id: s.id,
      releaseId: s.releaseId,
      position,
      name: s.definition.name,
      role: s.definition.role ?? null,
      definition: JSON.stringify(s.definition),
      at: s.at
    })
    return this.get(s.id)!
  }

  get(id: string): SignalRecord | undefined {
    const row = this.byIdStmt.get(id)
    return row ? toRecord(row) : undefined
  }

  list(releaseId: string): SignalRecord[] {
    return this.byReleaseStmt.all(releaseId).map(toRecord)
  }

  /** Signals of every release still in progress, for the poller. */
  active(): SignalRecord[] {
    return this.activeStmt.all().map(toRecord)
  }

  define(id: string, definition: SignalDefinition, at: string): SignalRecord {
    this.defineStmt.run({ id, name: definition.name, role: definition.role ?? null, definition: JSON.stringify(definition), at })
    return this.get(id)!
  }

  progress(sid: number, p: SignalProgress): void {
    this.progressStmt.run({
      sid,
      state: p.state,
      reason: p.reason ?? null,
      threshold: p.threshold ?? null,
      value: p.lastValue?.v ?? null,
      at: p.lastValue?.t ?? null,
      error: p.lastError?.message ?? null,
      errorAt: p.lastError?.t ?? null,
      breach: p.breach && (p.breach.streak || p.breach.sustained) ? JSON.stringify(p.breach) : null
    })
  }

  /** Every signal's sample key, ended releases' included: their samples age like any others. */
  allSids(): number[] {
    return this.sidsStmt.all().map((r) => r.sid)
  }

  delete(id: string): void {
    this.deleteStmt.run(id)
  }
}
