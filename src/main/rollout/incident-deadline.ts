import type { Announcement, Incident, Severity, TriggerRule } from '../../shared/rollout'
import { DEFAULT_TRIGGERS } from '../../shared/rollout'
import { formatDuration } from './duration-text'

/** What the deadline rules read from an incident; a stored incident has all of it. */
export type IncidentClock = Pick<Incident, 'severity' | 'detectedAt' | 'announced' | 'resolvedAt'>

/** From the trigger table: critical 5 minutes, high 60, medium 240, low none ("fix in place" has no clock). */
export function responseMinutes(severity: Severity, triggers: readonly TriggerRule[] = DEFAULT_TRIGGERS): number | null {
  return triggers.find((t) => t.severity === severity)?.responseMinutes ?? null
}

export function incidentDeadline(incident: IncidentClock, triggers: readonly TriggerRule[] = DEFAULT_TRIGGERS): number | null {
  const minutes = responseMinutes(incident.severity, triggers)
  return minutes === null ? null : incident.detectedAt + minutes * 60_000
}

export interface Countdown {
  deadline: number | null
  /** Negative once the deadline has passed; null when the severity has no deadline. */
  msLeft: number | null
  overdue: boolean
}

export function countdown(incident: IncidentClock, now: number, triggers: readonly TriggerRule[] = DEFAULT_TRIGGERS): Countdown {
  const deadline = incidentDeadline(incident, triggers)
  if (deadline === null) return { deadline, msLeft: null, overdue: false }
  return { deadline, msLeft: deadline - now, overdue: now >= deadline }
}

/** Two minutes' warning, but never more than a fifth of the time: a critical incident's 5 minutes warns at 1. */
export function warnWithinMs(responseMs: number): number {
  return Math.min(responseMs * 0.2, 2 * 60_000)
}

/**
 * The announcement due now, if any: once when the deadline nears, once when it passes. Announcements already made
 * are in `incident.announced`, so a repeated check, or a restart, repeats none. After a long gap only "passed" is
 * due: warning that a deadline is near when it has already gone would mislead.
 */
export function announcementDue(incident: IncidentClock, now: number, triggers: readonly TriggerRule[] = DEFAULT_TRIGGERS): Announcement | null {
  if (incident.resolvedAt !== null) return null
  const minutes = responseMinutes(incident.severity, triggers)
  if (minutes === null) return null
  const left = incident.detectedAt + minutes * 60_000 - now
  if (left <= 0) return incident.announced.includes('passed') ? null : 'passed'
  if (left <= warnWithinMs(minutes * 60_000) && !incident.announced.includes('nearing')) return 'nearing'
  return null
}

export function announcementText(incident: Pick<Incident, 'severity' | 'summary' | 'detectedAt'>, kind: Announcement, now: number, triggers: readonly TriggerRule[] = DEFAULT_TRIGGERS): string {
  const deadline = incidentDeadline({ ...incident, announced: [], resolvedAt: null }, triggers)
  const what = `${incident.severity} incident "${incident.summary}"`
  if (deadline === null) return `The ${what} has no response deadline.`
  if (kind === 'nearing') return `The response deadline of the ${what} is in ${formatDuration(deadline - now)}.`
  const ago = now - deadline
  return `The response deadline of the ${what} has passed${ago >= 1000 ? ` (${formatDuration(ago)} ago)` : ''}.`
}
