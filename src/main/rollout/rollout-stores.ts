import { randomUUID } from 'node:crypto'
import type { Db } from '../store/database'
import type { Actor, Role } from '../../shared/roles'
import type {
  Announcement,
  DecisionAnswer,
  DecisionOutcome,
  DeploymentFigures,
  Incident,
  RollbackProcedure,
  RolloutPlan,
  RolloutState,
  RolloutTemplate,
  Severity
} from '../../shared/rollout'
import { nextDueAt } from './soak-timer'

/** Rollout rows in and out of SQLite. Statements are prepared once; values are always bound. */

export interface RolloutRecord {
  releaseId: string
  plan: RolloutPlan
  state: RolloutState
  template: RolloutTemplate
}

interface RolloutRow {
  release_id: string
  plan_json: string
  state_json: string
  template_json: string
}

const toRollout = (r: RolloutRow): RolloutRecord => ({
  releaseId: r.release_id,
  plan: JSON.parse(r.plan_json) as RolloutPlan,
  state: JSON.parse(r.state_json) as RolloutState,
  template: JSON.parse(r.template_json) as RolloutTemplate
})

export class RolloutStore {
  private readonly insertStmt
  private readonly byIdStmt
  private readonly saveStmt
  private readonly activeStmt

  constructor(db: Db) {
    this.insertStmt = db.prepare(`
      INSERT INTO rollouts (release_id, plan_json, state_json, template_json, status, next_due_at, updated_at)
      VALUES (@releaseId, @plan, @state, @template, @status, @nextDueAt, @at)`)
    this.byIdStmt = db.prepare<[string], RolloutRow>('SELECT * FROM rollouts WHERE release_id = ?')
    this.saveStmt = db.prepare(`
      UPDATE rollouts SET plan_json = @plan, state_json = @state, status = @status, next_due_at = @nextDueAt, updated_at = @at
      WHERE release_id = @releaseId`)
    this.activeStmt = db.prepare<[], RolloutRow>("SELECT * FROM rollouts WHERE status IN ('running', 'held') ORDER BY release_id")
  }

  insert(r: RolloutRecord, at: number): void {
    this.insertStmt.run({
      releaseId: r.releaseId,
      plan: JSON.stringify(r.plan),
      state: JSON.stringify(r.state),
      template: JSON.stringify(r.template),
      status: r.state.status,
      nextDueAt: nextDueAt(r.state),
      at
    })
  }

  get(releaseId: string): RolloutRecord | undefined {
    const row = this.byIdStmt.get(releaseId)
    return row ? toRollout(row) : undefined
  }

  save(releaseId: string, plan: RolloutPlan, state: RolloutState, at: number): void {
    this.saveStmt.run({ releaseId, plan: JSON.stringify(plan), state: JSON.stringify(state), status: state.status, nextDueAt: nextDueAt(state), at })
  }

  /** Rollouts the background service watches: the ones whose soaks, actions or gates can still move. */
  active(): RolloutRecord[] {
    return this.activeStmt.all().map(toRollout)
  }
}

// ---------------------------------------------------------------------------------------------------------------

interface IncidentRow {
  id: string
  release_id: string
  severity: Severity
  summary: string
  source: Incident['source']
  step_id: string | null
  detected_at: number
  deadline_at: number | null
  opened_by_name: string | null
  opened_by_role: Role | null
  announced_json: string
  answers_json: string
  decided_at: number | null
  outcome: DecisionOutcome | null
  resolved_at: number | null
  resolved_by_name: string | null
  resolved_by_role: Role | null
  resolution: string | null
  data_json: string
}

export interface StoredIncident extends Incident {
  releaseId: string
  deadline: number | null
  answers: DecisionAnswer[]
  resolvedBy: Actor | null
  resolution: string | null
  data: Record<string, unknown>
}

const actorOf = (name: string | null, role: Role | null): Actor | null => (name !== null && role !== null ? { name, role } : null)

const toIncident = (r: IncidentRow): StoredIncident => ({
  id: r.id,
  releaseId: r.release_id,
  severity: r.severity,
  summary: r.summary,
  source: r.source,
  stepId: r.step_id,
  detectedAt: r.detected_at,
  deadline: r.deadline_at,
  openedBy: actorOf(r.opened_by_name, r.opened_by_role),
  announced: JSON.parse(r.announced_json) as Announcement[],
  answers: JSON.parse(r.answers_json) as DecisionAnswer[],
  decidedAt: r.decided_at,
  outcome: r.outcome,
  resolvedAt: r.resolved_at,
  resolvedBy: actorOf(r.resolved_by_name, r.resolved_by_role),
  resolution: r.resolution,
  data: JSON.parse(r.data_json) as Record<string, unknown>
})

export interface NewIncident {
  releaseId: string
  severity: Severity
  summary: string
  source: Incident['source']
  stepId: string | null
  detectedAt: number
  deadline: number | null
  openedBy: Actor | null
  data: Record<string, unknown>
}

export class IncidentStore {
  private readonly insertStmt
  private readonly byIdStmt
  private readonly byReleaseStmt
  private readonly openStmt
  private readonly answersStmt
  private readonly announcedStmt
  private readonly resolveStmt

  constructor(db: Db) {
    this.insertStmt = db.prepare(`
      INSERT INTO incidents (id, release_id, severity, summary, source, step_id, detected_at, deadline_at, opened_by_name, opened_by_role, data_json)
      VALUES (@id, @releaseId, @severity, @summary, @source, @stepId, @detectedAt, @deadline, @name, @role, @data)`)
    this.byIdStmt = db.prepare<[string, string], IncidentRow>('SELECT * FROM incidents WHERE id = ? AND release_id = ?')
    this.byReleaseStmt = db.prepare<[string], IncidentRow>('SELECT * FROM incidents WHERE release_id = ? ORDER BY detected_at, rowid')
    this.openStmt = db.prepare<[], IncidentRow>('SELECT * FROM incidents WHERE resolved_at IS NULL ORDER BY detected_at, rowid')
    this.answersStmt = db.prepare('UPDATE incidents SET answers_json = @answers, decided_at = @decidedAt, outcome = @outcome WHERE id = @id')
    this.announcedStmt = db.prepare('UPDATE incidents SET announced_json = ? WHERE id = ?')
    this.resolveStmt = db.prepare(
      'UPDATE incidents SET resolved_at = @at, resolved_by_name = @name, resolved_by_role = @role, resolution = @resolution WHERE id = @id'
    )
  }

  insert(i: NewIncident): string {
    const id = randomUUID()
    this.insertStmt.run({
      id,
      releaseId: i.releaseId,
      severity: i.severity,
      summary: i.summary,
      source: i.source,
      stepId: i.stepId,
      detectedAt: i.detectedAt,
      deadline: i.deadline,
      name: i.openedBy?.name ?? null,
      role: i.openedBy?.role ?? null,
      data: JSON.stringify(i.data)
    })
    return id
  }

  get(releaseId: string, id: string): StoredIncident | undefined {
    const row = this.byIdStmt.get(id, releaseId)
    return row ? toIncident(row) : undefined
  }

  list(releaseId: string): StoredIncident[] {
    return this.byReleaseStmt.all(releaseId).map(toIncident)
  }

  /** Every unresolved incident of every release: the deadline announcer's work list. */
  open(): StoredIncident[] {
    return this.openStmt.all().map(toIncident)
  }

  setAnswers(id: string, answers: readonly DecisionAnswer[], decision: { decidedAt: number; outcome: DecisionOutcome } | null): void {
    this.answersStmt.run({ id, answers: JSON.stringify(answers), decidedAt: decision?.decidedAt ?? null, outcome: decision?.outcome ?? null })
  }

  setAnnounced(id: string, announced: readonly Announcement[]): void {
    this.announcedStmt.run(JSON.stringify(announced), id)
  }

  resolve(id: string, at: number, by: Actor | null, resolution: string): void {
    this.resolveStmt.run({ id, at, name: by?.name ?? null, role: by?.role ?? null, resolution })
  }
}

// ---------------------------------------------------------------------------------------------------------------

interface ProcedureRow {
  release_id: string
  incident_id: string | null
  reason: string
  decided_at: number
  decided_by_name: string
  decided_by_role: Role
  target_minutes: number
  finished_at: number | null
}
interface ProcedureStepRow {
  step_id: string
  title: string
  owner_role: Role
  done_at: number | null
  done_by_name: string | null
  done_by_role: Role | null
  note: string | null
}

export class RollbackStore {
  private readonly insertStmt
  private readonly insertStepStmt
  private readonly byIdStmt
  private readonly stepsStmt
  private readonly finishStmt
  private readonly stepDoneStmt

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(`
      INSERT INTO rollback_procedures (release_id, incident_id, reason, decided_at, decided_by_name, decided_by_role, target_minutes)
      VALUES (@releaseId, @incidentId, @reason, @decidedAt, @name, @role, @targetMinutes)`)
    this.insertStepStmt = db.prepare(`
      INSERT INTO rollback_steps (release_id, step_id, position, title, owner_role) VALUES (@releaseId, @stepId, @position, @title, @ownerRole)`)
    this.byIdStmt = db.prepare<[string], ProcedureRow>('SELECT * FROM rollback_procedures WHERE release_id = ?')
    this.stepsStmt = db.prepare<[string], ProcedureStepRow>('SELECT * FROM rollback_steps WHERE release_id = ? ORDER BY position')
    this.finishStmt = db.prepare('UPDATE rollback_procedures SET finished_at = ? WHERE release_id = ?')
    this.stepDoneStmt = db.prepare(`
      UPDATE rollback_steps SET done_at = @at, done_by_name = @name, done_by_role = @role, note = @note WHERE release_id = @releaseId AND step_id = @stepId`)
  }

  insert(releaseId: string, incidentId: string | null, p: RollbackProcedure): void {
    this.db.transaction(() => {
      this.insertStmt.run({
        releaseId,
        incidentId,
        reason: p.reason,
        decidedAt: p.decidedAt,
        name: p.decidedBy.name,
        role: p.decidedBy.role,
        targetMinutes: p.targetMinutes
      })
      p.steps.forEach((s, position) => this.insertStepStmt.run({ releaseId, stepId: s.id, position, title: s.title, ownerRole: s.ownerRole }))
    })()
  }

  get(releaseId: string): (RollbackProcedure & { incidentId: string | null }) | null {
    const row = this.byIdStmt.get(releaseId)
    if (!row) return null
    return {
      incidentId: row.incident_id,
      reason: row.reason,
      decidedAt: row.decided_at,
      decidedBy: { name: row.decided_by_name, role: row.decided_by_role },
      targetMinutes: row.target_minutes,
      finishedAt: row.finished_at,
      steps: this.stepsStmt.all(releaseId).map((s) => ({
        id: s.step_id,
        title: s.title,
        ownerRole: s.owner_role,
        doneAt: s.done_at,
        doneBy: actorOf(s.done_by_name, s.done_by_role),
        note: s.note
      }))
    }
  }

  /** Writes the ticks and the finish the pure procedure decided on. */
  save(releaseId: string, p: RollbackProcedure): void {
    for (const s of p.steps) {
      if (s.doneAt !== null) {
        this.stepDoneStmt.run({ releaseId, stepId: s.id, at: s.doneAt, name: s.doneBy?.name ?? null, role: s.doneBy?.role ?? null, note: s.note })
      }
    }
    this.finishStmt.run(p.finishedAt, releaseId)
  }
}

// ---------------------------------------------------------------------------------------------------------------

/** The playbook's deployment metrics, stored on the release as they stand after each change. */
export class FigureStore {
  private readonly upsertStmt
  private readonly byIdStmt

  constructor(db: Db) {
    this.upsertStmt = db.prepare(`
      INSERT INTO deployment_figures (release_id, deployment_ms, deployment_status, rollback_ms, rollback_status, rolled_back_at, decisions_json, updated_at)
      VALUES (@releaseId, @deploymentMs, @deploymentStatus, @rollbackMs, @rollbackStatus, @rolledBackAt, @decisions, @at)
      ON CONFLICT (release_id) DO UPDATE SET deployment_ms = excluded.deployment_ms, deployment_status = excluded.deployment_status,
        rollback_ms = excluded.rollback_ms, rollback_status = excluded.rollback_status, rolled_back_at = excluded.rolled_back_at,
        decisions_json = excluded.decisions_json, updated_at = excluded.updated_at`)
    this.byIdStmt = db.prepare<[string], { deployment_ms: number | null; rollback_ms: number | null; rolled_back_at: number | null }>(
      'SELECT deployment_ms, rollback_ms, rolled_back_at FROM deployment_figures WHERE release_id = ?'
    )
  }

  save(releaseId: string, f: DeploymentFigures, rolledBackAt: number | null, at: number): void {
    this.upsertStmt.run({
      releaseId,
      deploymentMs: f.deployment.elapsedMs,
      deploymentStatus: f.deployment.status,
      rollbackMs: f.rollback.elapsedMs,
      rollbackStatus: f.rollback.status,
      rolledBackAt,
      decisions: JSON.stringify(f.decisions.map((d) => ({ incidentId: d.incidentId, ms: d.figure.elapsedMs, status: d.figure.status }))),
      at
    })
  }

  get(releaseId: string): { deploymentMs: number | null; rollbackMs: number | null; rolledBackAt: number | null } | undefined {
    const r = this.byIdStmt.get(releaseId)
    return r ? { deploymentMs: r.deployment_ms, rollbackMs: r.rollback_ms, rolledBackAt: r.rolled_back_at } : undefined
  }
}

/** The rollout feature's stores, created once per connection. */
export interface RolloutStores {
  rollouts: RolloutStore
  incidents: IncidentStore
  rollbacks: RollbackStore
  deploymentFigures: FigureStore
}

export function createRolloutStores(db: Db): RolloutStores {
  return { rollouts: new RolloutStore(db), incidents: new IncidentStore(db), rollbacks: new RollbackStore(db), deploymentFigures: new FigureStore(db) }
}
