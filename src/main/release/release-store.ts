import { randomUUID } from 'node:crypto'
import type { Db } from '../store/database'
import type { Release, ReleaseStatus, Strategy, SuccessCriterion } from '../../shared/release'
import type { Actor, Role } from '../../shared/roles'
import type { TemplateGate } from '../../shared/runbook'

interface ReleaseRow {
  id: string
  title: string
  service: string
  version: string
  environment: string
  strategy: Strategy
  owner: string
  status: ReleaseStatus
  window_start: string | null
  window_end: string | null
  created_at: string
  created_by: string
  created_role: Role
  updated_at: string
  template_id: string
  gates_json: string
  participants_json: string
  success_criteria_json: string
  ended_reason: string | null
  commit_at: string | null
}

export interface NewRelease {
  title: string
  service: string
  version: string
  environment: string
  strategy: Strategy
  owner: string
  windowStart: string | null
  windowEnd: string | null
  createdBy: Actor
  at: string
  templateId: string
  gates: readonly TemplateGate[]
  participants: readonly Actor[]
  successCriteria: readonly SuccessCriterion[]
  commitAt?: string | null
}

function toRelease(r: ReleaseRow): Release {
  return {
    id: r.id,
    title: r.title,
    service: r.service,
    version: r.version,
    environment: r.environment,
    strategy: r.strategy,
    owner: r.owner,
    status: r.status,
    windowStart: r.window_start,
    windowEnd: r.window_end,
    createdAt: r.created_at,
    createdBy: { name: r.created_by, role: r.created_role },
    updatedAt: r.updated_at,
    templateId: r.template_id,
    participants: JSON.parse(r.participants_json) as Actor[],
    successCriteria: JSON.parse(r.success_criteria_json) as SuccessCriterion[],
    endedReason: r.ended_reason,
    commitAt: r.commit_at
  }
}

/** Release rows in and out of SQLite. Statements are prepared once; values are always bound. */
export class ReleaseStore {
  private readonly insertStmt
  private readonly byIdStmt
  private readonly allStmt
  private readonly gatesStmt
  private readonly statusStmt
  private readonly touchStmt
  private readonly commitAtStmt

  constructor(db: Db) {
    this.insertStmt = db.prepare(`
      INSERT INTO releases (id, title, service, version, environment, strategy, owner, status,
                            window_start, window_end, created_at, created_by, created_role, updated_at,
                            template_id, gates_json, participants_json, success_criteria_json, commit_at)
      VALUES (@id, @title, @service, @version, @environment, @strategy, @owner, 'planning',
              @windowStart, @windowEnd, @at, @createdBy, @createdRole, @at,
              @templateId, @gates, @participants, @successCriteria, @commitAt)`)
    this.byIdStmt = db.prepare<[string], ReleaseRow>('SELECT * FROM releases WHERE id = ?')
    this.allStmt = db.prepare<[], ReleaseRow>('SELECT * FROM releases ORDER BY created_at DESC, id')
    this.gatesStmt = db.prepare<[string], { gates_json: string }>('SELECT gates_json FROM releases WHERE id = ?')
    this.statusStmt = db.prepare('UPDATE releases SET status = ?, ended_reason = ?, updated_at = ? WHERE id = ?')
    this.touchStmt = db.prepare('UPDATE releases SET updated_at = ? WHERE id = ?')
    this.commitAtStmt = db.prepare('UPDATE releases SET commit_at = ?, updated_at = ? WHERE id = ?')
  }

  insert(r: NewRelease): Release {
    const id = randomUUID()
    this.insertStmt.run({
      id,
      title: r.title,
      service: r.service,
      version: r.version,
      environment: r.environment,
      strategy: r.strategy,
      owner: r.owner,
      windowStart: r.windowStart,
      windowEnd: r.windowEnd,
      at: r.at,
      createdBy: r.createdBy.name,
      createdRole: r.createdBy.role,
      templateId: r.templateId,
      gates: JSON.stringify(r.gates),
      participants: JSON.stringify(r.participants),
      successCriteria: JSON.stringify(r.successCriteria),
      commitAt: r.commitAt ?? null
    })
    return this.get(id)!
  }

  get(id: string): Release | undefined {
    const row = this.byIdStmt.get(id)
    return row ? toRelease(row) : undefined
  }

  /** The gate definitions copied from the template at creation, so editing a template never moves a live release. */
  gates(id: string): TemplateGate[] {
    const row = this.gatesStmt.get(id)
    return row ? (JSON.parse(row.gates_json) as TemplateGate[]) : []
  }

  list(): Release[] {
    return this.allStmt.all().map(toRelease)
  }

  setStatus(id: string, status: ReleaseStatus, endedReason: string | null, at: string): Release {
    this.statusStmt.run(status, endedReason, at, id)
    return this.get(id)!
  }

  /** When the release's change was committed: lead time for changes runs from here. */
  setCommitAt(id: string, commitAt: string | null, at: string): Release {
    this.commitAtStmt.run(commitAt, at, id)
    return this.get(id)!
  }

  touch(id: string, at: string): void {
    this.touchStmt.run(at, id)
  }
}
