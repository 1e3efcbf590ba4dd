import type { HandlerContext } from '../api/handler-context'
import type { Severity } from '../../shared/rollout'

export interface IncidentRequest {
  releaseId: string
  severity: Severity
  summary: string
  /** What opened it: a person, a failed step gate, or a sustained signal breach. */
  source: 'person' | 'gate' | 'signal'
  /** The values that decided it (gate verdict, breach evidence), kept on the incident and its timeline entry. */
  data?: Record<string, unknown>
}

/**
 * Opens an incident inside the caller's transaction and records it on the timeline. Owned by the rollout feature;
 * the live-health feature calls it when a signal's breach becomes sustained.
 */
export function openIncident(_ctx: HandlerContext, _request: IncidentRequest): { incidentId: string } {
  throw new Error('openIncident is not implemented yet')
}
