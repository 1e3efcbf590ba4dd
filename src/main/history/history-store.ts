import type { Db } from '../store/database'
import type { Role } from '../../shared/roles'
import type { ServiceSlo } from '../../shared/history'
import type { DecisionOutcome } from '../../shared/rollout'

/** When each release first entered production, read from its timeline: the stage change is the deployment. */
export interface ProductionEntry {
  releaseId: string
  at: number
}

export interface IncidentFact {
  releaseId: string
  detectedAt: number
  outcome: DecisionOutcome | null
  resolvedAt: number | null
}

export interface RollbackFact {
  releaseId: string
  incidentId: string | null
  decidedAt: number
  finishedAt: number | null
}

interface SloRow {
  service: string
  target_percent: number
  window_days: number
  set_by_name: string
  set_by_role: Role
  set_at: string
  previous_target: number | null
  reason: string | null
}

const toSlo = (r: SloRow): ServiceSlo => ({
  service: r.service,
  targetPercent: r.target_percent,
  windowDays: r.window_days,
  setBy: { name: r.set_by_name, role: r.set_by_role },
  setAt: r.set_at,
  previousTargetPercent: r.previous_target,
  reason: r.reason
})

/** Reads across every release for the delivery history, and keeps each service's SLO. */
export class HistoryStore {
  private readonly productionStmt
  private readonly incidentsStmt
  private readonly rollbacksStmt
  private readonly sloStmt
  private readonly slosStmt
  private readonly setSloStmt

  constructor(db: Db) {
    this.productionStmt = db.prepare<[], { release_id: string; at: string }>(`
      SELECT release_id, min(at) AS at FROM timeline
      WHERE kind = 'release.stage-changed' AND json_extract(data, '$.to') = 'production'
      GROUP BY release_id`)
    this.incidentsStmt = db.prepare<[], { release_id: string; detected_at: number; outcome: DecisionOutcome | null; resolved_at: number | null }>(
      'SELECT release_id, detected_at, outcome, resolved_at FROM incidents ORDER BY detected_at, rowid'
    )
    this.rollbacksStmt = db.prepare<[], { release_id: string; incident_id: string | null; decided_at: number; finished_at: number | null }>(
      'SELECT release_id, incident_id, decided_at, finished_at FROM rollback_procedures'
    )
    this.sloStmt = db.prepare<[string], SloRow>('SELECT * FROM service_slos WHERE service = ?')
    this.slosStmt = db.prepare<[], SloRow>('SELECT * FROM service_slos ORDER BY service')
    this.setSloStmt = db.prepare(`
      INSERT INTO service_slos (service, target_percent, window_days, set_by_name, set_by_role, set_at, previous_target, reason)
      VALUES (@service, @targetPercent, @windowDays, @name, @role, @at, NULL, @reason)
      ON CONFLICT (service) DO UPDATE SET previous_target = target_percent, target_percent = excluded.target_percent,
        window_days = excluded.window_days, set_by_name = excluded.set_by_name, set_by_role = excluded.set_by_role,
        set_at = excluded.set_at, reason = excluded.reason`)
  }

  productionEntries(): ProductionEntry[] {
    return this.productionStmt.all().map((r) => ({ releaseId: r.release_id, at: Date.parse(r.at) }))
  }

  incidents(): IncidentFact[] {
    return this.incidentsStmt.all().map((r) => ({ releaseId: r.release_id, detectedAt: r.detected_at, outcome: r.outcome, resolvedAt: r.resolved_at }))
  }

  rollbacks(): RollbackFact[] {
    return this.rollbacksStmt.all().map((r) => ({ releaseId: r.release_id, incidentId: r.incident_id, decidedAt: r.decided_at, finishedAt: r.finished_at }))
  }

  slo(service: string): ServiceSlo | null {
    const row = this.sloStmt.get(service)
    return row ? toSlo(row) : null
  }

  slos(): ServiceSlo[] {
    return this.slosStmt.all().map(toSlo)
  }

  setSlo(s: { service: string; targetPercent: number; windowDays: number; reason: string | null; by: { name: string; role: Role }; at: string }): ServiceSlo {
    this.setSloStmt.run({ service: s.service, targetPercent: s.targetPercent, windowDays: s.windowDays, name: s.by.name, role: s.by.role, at: s.at, reason: s.reason })
    return this.slo(s.service)!
  }
}
