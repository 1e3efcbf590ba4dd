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
  /** The newest raw sample, read from the samples index: the row's last_value is only as fresh as its last state change. */
  newest_t: number | null
  newest_v: number | null
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

/**
 * The newer of the row's last value and the newest sample: the samples are the truth, the row covers folded ones. A
 * signal never polled has no last value even when a backfill filled its history: its state is its polls' to set.
 */
/** A signal's newest raw sample, from whichever of the two raw tables holds it; `@sid` names the signal. */
const NEWEST_SAMPLE = `SELECT t, v FROM (SELECT t, v FROM recent_samples WHERE sid = @sid ORDER BY t DESC LIMIT 1)
  UNION ALL SELECT t, v FROM (SELECT t, v FROM samples WHERE sid = @sid ORDER BY t DESC LIMIT 1) ORDER BY t DESC LIMIT 1`

function lastValueOf(r: SignalRow): { v: number; t: number } | undefined {
  if (r.last_value === null || r.last_at === null) return undefined
  const row = { v: r.last_value, t: r.last_at }
  return r.newest_v !== null && r.newest_t !== null && r.newest_t >= row.t ? { v: r.newest_v, t: r.newest_t } : row
}

function toRecord(r: SignalRow): SignalRecord {
  const status: SignalStatus = { signalId: r.id, state: r.state }
  const lastValue = lastValueOf(r)
  if (lastValue) Object.assign(status, { value: lastValue.v, at: lastValue.t })
  if (r.threshold !== null) status.threshold = r.threshold
  if (r.state_reason !== null) status.reason = r.state_reason
  return {
    sid: r.sid,
    id: r.id,
    releaseId: r.release_id,
    position: r.position,
    definition: JSON.parse(r.definition) as SignalDefinition,
    status,
    ...(lastValue ? { lastValue } : {}),
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
  private readonly keepLastStmt

  constructor(db: Db) {
    this.insertStmt = db.prepare(`
      INSERT INTO signals (id, release_id, position, name, role, definition, created_at, updated_at)
      VALUES (@id, @releaseId, @position, @name, @role, @definition, @at, @at)`)
    // Each signal with its newest sample: one step to the end of its (sid, t) key range in each raw table. Not through
    // the all_samples view: max() over a view walks every row of the signal.
    const withNewest = `SELECT s.*,
        CASE WHEN n.t IS NULL OR r.t >= n.t THEN r.t ELSE n.t END AS newest_t,
        CASE WHEN n.t IS NULL OR r.t >= n.t THEN r.v ELSE n.v END AS newest_v FROM signals s
      LEFT JOIN recent_samples r ON r.sid = s.sid AND r.t = (SELECT max(t) FROM recent_samples WHERE sid = s.sid)
      LEFT JOIN samples n ON n.sid = s.sid AND n.t = (SELECT max(t) FROM samples WHERE sid = s.sid)`
    this.byIdStmt = db.prepare<[string], SignalRow>(`${withNewest} WHERE s.id = ?`)
    this.byReleaseStmt = db.prepare<[string], SignalRow>(`${withNewest} WHERE s.release_id = ? ORDER BY s.position, s.sid`)
    // The poller watches releases that can still change: not closed, rolled back or aborted.
    this.activeStmt = db.prepare<[], SignalRow>(`
      ${withNewest} JOIN releases r ON r.id = s.release_id
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
    this.keepLastStmt = db.prepare<{ sid: number; cutoff: number }>(`
      UPDATE signals SET last_value = n.v, last_at = n.t
      FROM (${NEWEST_SAMPLE}) AS n
      WHERE signals.sid = @sid AND n.t < @cutoff AND (signals.last_at IS NULL OR signals.last_at < n.t)`)
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

  /**
   * Copies the newest sample into the row when retention is about to fold it away (a signal no longer polled), so the
   * last value survives as a raw sample would.
   */
  keepLastValue(sid: number, cutoff: number): void {
    this.keepLastStmt.run({ sid, cutoff })
  }

  /** Every signal's sample key, ended releases' included: their samples age like any others. */
  allSids(): number[] {
    return this.sidsStmt.all().map((r) => r.sid)
  }

  delete(id: string): void {
    this.deleteStmt.run(id)
  }
}
