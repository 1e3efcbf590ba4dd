import type { Release } from '../../shared/release'
import type { ReleaseHistoryRow } from '../../shared/history'
import { OUTCOME_LABELS } from '../../shared/rollout'
import type { Deployment } from './dora'
import type { IncidentFact, ProductionEntry, RollbackFact } from './history-store'

const HOUR = 3_600_000

/** What the store knows about every release, gathered in a few queries so the mapping below stays pure. */
export interface HistoryFacts {
  releases: readonly Release[]
  production: readonly ProductionEntry[]
  incidents: readonly IncidentFact[]
  rollbacks: readonly RollbackFact[]
}

export interface ReleaseHistory {
  release: Release
  /** Absent for a release that never reached production: it is not a deployment. */
  deployment: Deployment | null
  failure: string | null
}

/**
 * Each release as DORA reads it. Deployed: when it entered production. Failed (a change failure): it was rolled back
 * (or its rollback is under way), or an incident detected in production was decided (roll back or fix in place).
 * Restore: detection to resolution of each production incident it caused; a rollback started without an incident
 * counts from its decision to its last step. Incidents before production are the rehearsal's, not a failure.
 */
export function releaseHistory(facts: HistoryFacts): ReleaseHistory[] {
  const deployedAt = new Map(facts.production.map((p) => [p.releaseId, p.at]))
  const incidentsOf = groupBy(facts.incidents, (i) => i.releaseId)
  const rollbackOf = new Map(facts.rollbacks.map((r) => [r.releaseId, r]))

  return facts.releases.map((release) => {
    const at = deployedAt.get(release.id)
    if (at === undefined) return { release, deployment: null, failure: null }
    const incidents = (incidentsOf.get(release.id) ?? []).filter((i) => i.detectedAt >= at)
    const rollback = rollbackOf.get(release.id)

    const decided = incidents.find((i) => i.outcome !== null)
    const failure =
      release.status === 'rolled-back'
        ? 'rolled back'
        : rollback
          ? 'rollback under way'
          : decided?.outcome
            ? `incident: ${OUTCOME_LABELS[decided.outcome].toLowerCase()}`
            : null

    const restoreDurations = incidents.filter((i) => i.resolvedAt !== null).map((i) => i.resolvedAt! - i.detectedAt)
    if (rollback && rollback.incidentId === null && rollback.finishedAt !== null) restoreDurations.push(rollback.finishedAt - rollback.decidedAt)

    const committedAt = release.commitAt ? Date.parse(release.commitAt) : undefined
    const deployment: Deployment = {
      releaseId: release.id,
      service: release.service,
      deployedAt: at,
      failed: failure !== null,
      restoreDurations,
      ...(committedAt !== undefined ? { committedAt } : {})
    }
    return { release, deployment, failure }
  })
}

export function historyRow(h: ReleaseHistory): ReleaseHistoryRow {
  const { release: r, deployment: d } = h
  return {
    id: r.id,
    title: r.title,
    service: r.service,
    version: r.version,
    status: r.status,
    strategy: r.strategy,
    owner: r.owner,
    createdAt: r.createdAt,
    commitAt: r.commitAt ?? null,
    deployedAt: d ? new Date(d.deployedAt).toISOString() : null,
    failed: d?.failed ?? false,
    failure: h.failure,
    restoreMinutes: d ? d.restoreDurations.map((ms) => ms / 60_000) : [],
    leadTimeHours: d && d.committedAt !== undefined ? (d.deployedAt - d.committedAt) / HOUR : null
  }
}

export function deploymentsOf(history: readonly ReleaseHistory[]): Deployment[] {
  return history.flatMap((h) => (h.deployment ? [h.deployment] : []))
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = out.get(k)
    if (list) list.push(item)
    else out.set(k, [item])
  }
  return out
}
