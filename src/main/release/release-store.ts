import { randomUUID } from 'node:crypto'
import type { Db } from '../store/database'
import type { Release, ReleaseStatus, Strategy } from '../../shared/release'
import type { Actor, Role } from '../../shared/roles'

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
    updatedAt: r.updated_at
  }
}

/** Release rows in and out of SQLite. Statements are prepared once; values are always bound. */
export class ReleaseStore {
  private readonly insertStmt
  private readonly byIdStmt
  private readonly allStmt

  constructor(db: Db) {
    this.insertStmt = db.prepare(`
      INSERT INTO releases (id, title, service, version, environment, strategy, owner, status,
                            window_start, window_end, created_at, created_by, created_role, updated_at)
      VALUES (@id, @title, @service, @version, @environment, @strategy, @owner, 'planning',
              @windowStart, @windowEnd, @at, @createdBy, @createdRole, @at)`)
    this.byIdStmt = db.prepare<[string], ReleaseRow>('SELECT * FROM releases WHERE id = ?')
    this.allStmt = db.prepare<[], ReleaseRow>('SELECT * FROM releases ORDER BY created_at DESC, id')
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
      createdRole: r.createdBy.role
    })
    return this.get(id)!
  }

  get(id: string): Release | undefined {
    const row = this.byIdStmt.get(id)
    return row ? toRelease(row) : undefined
  }

  list(): Release[] {
    return this.allStmt.all().map(toRelease)
  }
}
