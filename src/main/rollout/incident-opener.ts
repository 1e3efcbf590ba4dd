import type { HandlerContext } from '../api/handler-context'
import type { Actor } from '../../shared/roles'
import type { Severity } from '../../shared/rollout'
import { NotFoundError } from '../api/domain-error'
import { record } from '../timeline/record'
import { formatDuration } from './duration-text'
import { incidentDeadline } from './incident-deadline'
import { ensureRollout, notice } from './rollout-load'

export interface IncidentRequest {
  releaseId: string
  severity: Severity
  summary: string
  /** What opened it: a person, a failed step gate, or a sustained signal breach. */
  source: 'person' | 'gate' | 'signal'
  /** The values that decided it (gate verdict, breach evidence), kept on the incident and its timeline entry. */
  data?: Record<string, unknown>
  /** The person who opened it; none for a gate or a signal. */
  actor?: Actor
  /** The rollout step it concerns, when a gate opened it. */
  stepId?: string
}

/**
 * Opens an incident inside the caller's transaction and records it on the timeline. Owned by the rollout feature;
 * the live-health feature calls it when a signal's breach becomes sustained.
 *
 * Detected-at is now and the deadline follows from the severity in the release's own trigger table (copied at first
 * use). A breach or gate that is still open reports again rather than stacking a second incident: the same source,
 * step and summary, unresolved, is the same incident.
 */
export function openIncident(ctx: HandlerContext, request: IncidentRequest): { incidentId: string } {
  const release = ctx.releases.get(request.releaseId)
  if (!release) throw new NotFoundError('release', request.releaseId)
  if (request.source !== 'person') {
    const same = ctx.incidents
      .list(release.id)
      .find((i) => i.resolvedAt === null && i.source === request.source && i.stepId === (request.stepId ?? null) && i.summary === request.summary)
    if (same) return { incidentId: same.id }
  }
  const rollout = ensureRollout(ctx, release)
  const detectedAt = ctx.clock.now()
  const deadline = incidentDeadline({ severity: request.severity, detectedAt, announced: [], resolvedAt: null }, rollout.template.triggers)
  const incidentId = ctx.incidents.insert({
    releaseId: release.id,
    severity: request.severity,
    summary: request.summary,
    source: request.source,
    stepId: request.stepId ?? null,
    detectedAt,
    deadline,
    openedBy: request.actor ?? null,
    data: request.data ?? {}
  })
  const rule = rollout.template.triggers.find((t) => t.severity === request.severity)
  const clock = deadline === null ? 'no response deadline' : `respond within ${formatDuration(deadline - detectedAt)}`
  const by = request.source === 'person' ? '' : request.source === 'gate' ? ' (from a failed gate)' : ' (from a sustained signal breach)'
  record(ctx, {
    releaseId: release.id,
    kind: 'incident.opened',
    actor: request.actor ?? null,
    summary: `Opened a ${request.severity} incident${by}: ${request.summary}. ${rule ? `${rule.action}; ` : ''}${clock}.`,
    data: { incidentId, severity: request.severity, source: request.source, stepId: request.stepId ?? null, detectedAt, deadline, evidence: request.data ?? {} }
  })
  notice(ctx, release.id, 'incident-opened', `${request.severity.toUpperCase()} incident`, request.summary)
  return { incidentId }
}
