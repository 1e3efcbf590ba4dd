import type { HandlerContext } from '../api/handler-context'
import { NotFoundError } from '../api/domain-error'
import type { Release } from '../../shared/release'
import type { DecisionTree } from '../../shared/rollout'
import type { DecisionPositionView, IncidentView, RolloutRoomPart, RolloutView } from '../../shared/room-rollout'
import { walkDecision } from './decision-walk'
import { deploymentFigures } from './deployment-figures'
import { currentStepIndex } from './rollout-machine'
import { defaultRollout } from './rollout-load'
import type { RolloutRecord, StoredIncident } from './rollout-stores'

/** The plan can change until production starts (issue: "editable until production starts"). */
export const PLANNING_STAGES: readonly Release['status'][] = ['planning', 'ready', 'staging']

export function rolloutView(release: Release, rec: RolloutRecord, copied: boolean): RolloutView {
  return {
    plan: rec.plan,
    state: rec.state,
    editable: PLANNING_STAGES.includes(release.status) && rec.state.status === 'not-started',
    currentStepIndex: currentStepIndex(rec.state),
    template: rec.template,
    copied
  }
}

function positionOf(tree: DecisionTree, incident: StoredIncident): DecisionPositionView {
  const walk = walkDecision(tree, incident.answers)
  if (!walk.ok) {
    // A stored walk always replays (each answer was checked against this same copied tree), so this is a damaged row.
    return { kind: 'question', nodeId: tree.root, text: walk.reasons[0] ?? 'The decision tree cannot be walked.', hint: null }
  }
  const node = walk.position.node
  return node.kind === 'question'
    ? { kind: 'question', nodeId: node.id, text: node.text, hint: node.hint ?? null }
    : { kind: 'outcome', nodeId: node.id, outcome: node.outcome, text: node.text }
}

export function incidentView(tree: DecisionTree, incident: StoredIncident): IncidentView {
  const { releaseId: _releaseId, ...rest } = incident
  return { ...rest, position: positionOf(tree, incident) }
}

/** Open incidents first, oldest first (the one nearest its deadline leads); past ones after, newest first. */
export function orderIncidents<T extends { resolvedAt: number | null; detectedAt: number }>(incidents: readonly T[]): T[] {
  const open = incidents.filter((i) => i.resolvedAt === null).sort((a, b) => a.detectedAt - b.detectedAt)
  const past = incidents.filter((i) => i.resolvedAt !== null).sort((a, b) => b.detectedAt - a.detectedAt)
  return [...open, ...past]
}

/** The rollout's part of the one read a client needs. */
export function readRolloutPart(ctx: HandlerContext, releaseId: string): RolloutRoomPart {
  const release = ctx.releases.get(releaseId)
  if (!release) throw new NotFoundError('release', releaseId)
  const stored = ctx.rollouts.get(releaseId)
  const rec = stored ?? defaultRollout(ctx, release)
  const incidents = ctx.incidents.list(releaseId)
  const rollback = ctx.rollbacks.get(releaseId)
  return {
    rollout: rolloutView(release, rec, stored !== undefined),
    incidents: orderIncidents(incidents).map((i) => incidentView(rec.template.decisionTree, i)),
    rollback: rollback ? { reason: rollback.reason, decidedAt: rollback.decidedAt, decidedBy: rollback.decidedBy, targetMinutes: rollback.targetMinutes, steps: rollback.steps, finishedAt: rollback.finishedAt } : null,
    figures: deploymentFigures({
      rollout: rec.state,
      rollback,
      incidents: incidents.map((i) => ({ ...i, decidedAt: i.decidedAt ?? i.resolvedAt })),
      now: ctx.clock.now(),
      targets: rec.template.targets,
      triggers: rec.template.triggers
    })
  }
}
