import type { DeploymentFigures, DeploymentTargets, Figure, FigureStatus, Incident, RollbackProcedure, RolloutState, TriggerRule } from '../../shared/rollout'
import { DEFAULT_TARGETS, DEFAULT_TRIGGERS } from '../../shared/rollout'
import { responseMinutes } from './incident-deadline'

/**
 * The playbook's deployment metrics, measured live: "Metrics are for learning, not blame." A figure still running
 * already counts as missed once it is past its target, because it can no longer be met.
 */

export type { DeploymentFigures, Figure, FigureStatus } from '../../shared/rollout'

export function figure(startedAt: number | null, endedAt: number | null, targetMs: number | null, now: number): Figure {
  if (startedAt === null) return { startedAt, endedAt: null, elapsedMs: null, targetMs, status: 'not-started' }
  const elapsedMs = (endedAt ?? now) - startedAt
  let status: FigureStatus
  if (targetMs === null) status = endedAt === null ? 'in-progress' : 'done'
  else if (elapsedMs > targetMs) status = 'missed'
  else status = endedAt === null ? 'in-progress' : 'met'
  return { startedAt, endedAt, elapsedMs, targetMs, status }
}

/**
 * Production start to the last step passed. The blue-green rollback window is not deployment: traffic has already
 * switched and blue is only kept ready.
 */
export function deploymentTime(rollout: RolloutState, now: number, targets: DeploymentTargets = DEFAULT_TARGETS): Figure {
  const targetMs = targets.deploymentMinutes * 60_000
  const deploying = rollout.steps.filter((s) => !s.rollbackWindow)
  const last = deploying[deploying.length - 1]
  const endedAt = last?.state === 'passed' ? last.finishedAt : null
  if (endedAt === null && rollout.startedAt !== null && rollout.endedAt !== null) {
    return { ...figure(rollout.startedAt, rollout.endedAt, targetMs, now), status: 'stopped' }
  }
  return figure(rollout.startedAt, endedAt, targetMs, now)
}

/** The rollback decision to the last rollback step done. */
export function rollbackTime(procedure: RollbackProcedure | null, now: number): Figure {
  if (!procedure) return figure(null, null, null, now)
  return figure(procedure.decidedAt, procedure.finishedAt, procedure.targetMinutes * 60_000, now)
}

/** Detection to decision, against the severity's response time ("Monitor, decide within 4 hours"). */
export function timeToDecision(
  incident: Pick<Incident, 'severity' | 'detectedAt' | 'decidedAt'>,
  now: number,
  triggers: readonly TriggerRule[] = DEFAULT_TRIGGERS
): Figure {
  const minutes = responseMinutes(incident.severity, triggers)
  return figure(incident.detectedAt, incident.decidedAt, minutes === null ? null : minutes * 60_000, now)
}

/** Everything the header shows, in one call. */
export function deploymentFigures(input: {
  rollout: RolloutState
  rollback: RollbackProcedure | null
  incidents: readonly Pick<Incident, 'id' | 'severity' | 'detectedAt' | 'decidedAt'>[]
  now: number
  targets?: DeploymentTargets
  triggers?: readonly TriggerRule[]
}): DeploymentFigures {
  return {
    deployment: deploymentTime(input.rollout, input.now, input.targets),
    rollback: rollbackTime(input.rollback, input.now),
    decisions: input.incidents.map((i) => ({ incidentId: i.id, figure: timeToDecision(i, input.now, input.triggers) }))
  }
}
