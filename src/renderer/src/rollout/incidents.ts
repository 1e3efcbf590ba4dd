import type { Actor } from '../../../shared/roles'
import type { Release } from '../../../shared/release'
import type { DecisionTree, Figure, RollbackProcedure, Severity } from '../../../shared/rollout'
import { OUTCOME_LABELS } from '../../../shared/rollout'
import type { IncidentView } from '../../../shared/room-rollout'
import { formatDuration } from '../room/window-countdown'

/** Incident banner, decision dialog, rollback checklist and figures: their text, tone and countdowns. */

export type DeadlineTone = 'calm' | 'near' | 'overdue' | 'none'

export const SEVERITY_TEXT: Record<Severity, string> = { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW' }

/** Two minutes' warning, never more than a fifth of the time (as main announces it). */
const warnWithin = (responseMs: number) => Math.min(responseMs * 0.2, 2 * 60_000)

export function deadlineCountdown(incident: Pick<IncidentView, 'deadline' | 'detectedAt' | 'resolvedAt' | 'outcome' | 'decidedAt'>, now: number): { text: string; tone: DeadlineTone } {
  if (incident.resolvedAt !== null) return { text: 'Resolved', tone: 'none' }
  // Once the decision is to roll back, the response deadline is met or missed; the rollback clock takes over.
  if (incident.outcome && incident.outcome !== 'fix-in-place' && incident.decidedAt !== null) {
    return { text: `Decided in ${formatDuration(incident.decidedAt - incident.detectedAt)}: rolling back`, tone: 'none' }
  }
  if (incident.deadline === null) return { text: 'No response deadline: fix in place', tone: 'none' }
  const left = incident.deadline - now
  const verb = incident.outcome === 'fix-in-place' ? 'Fix within' : 'Respond within'
  if (left <= 0) return { text: `Deadline passed ${formatDuration(-left)} ago`, tone: 'overdue' }
  return { text: `${verb} ${formatDuration(left)}`, tone: left <= warnWithin(incident.deadline - incident.detectedAt) ? 'near' : 'calm' }
}

export function outcomeText(incident: Pick<IncidentView, 'outcome'>): string | null {
  return incident.outcome ? OUTCOME_LABELS[incident.outcome] : null
}

export interface PathStep {
  question: string
  answer: 'yes' | 'no'
  by: string
  rationale: string
  at: number
}

/** The answers given so far, each with the question it answered, as the dialog lists them. */
export function decisionPath(tree: DecisionTree, incident: Pick<IncidentView, 'answers'>): PathStep[] {
  return incident.answers.map((a) => {
    const node = tree.nodes.find((n) => n.id === a.nodeId)
    return { question: node && node.kind === 'question' ? node.text : a.nodeId, answer: a.answer, by: a.actor.name, rationale: a.rationale, at: a.at }
  })
}

/** The incident's owner answers the tree: the accountable owner or the DevOps lead (main checks it too). */
export function ownsIncident(release: Pick<Release, 'owner'>, actor: Actor | null): boolean {
  if (!actor) return false
  return actor.role === 'devops-lead' || actor.name.trim().toLocaleLowerCase() === release.owner.trim().toLocaleLowerCase()
}

export function openIncidents(incidents: readonly IncidentView[]): IncidentView[] {
  return incidents.filter((i) => i.resolvedAt === null)
}

/** A figure as the header shows it, ticking on from its start while it runs. */
export function figureText(f: Figure, now: number): { value: string; target: string | null; tone: 'ok' | 'bad' | 'active' | 'idle' } {
  if (f.startedAt === null) return { value: '—', target: f.targetMs === null ? null : formatDuration(f.targetMs), tone: 'idle' }
  const elapsed = f.endedAt === null && f.status !== 'stopped' ? Math.max(0, now - f.startedAt) : (f.elapsedMs ?? 0)
  const over = f.targetMs !== null && elapsed > f.targetMs
  const tone = f.status === 'stopped' ? 'idle' : over ? 'bad' : f.endedAt !== null ? 'ok' : 'active'
  return { value: formatDuration(elapsed), target: f.targetMs === null ? null : formatDuration(f.targetMs), tone }
}

export function rollbackProgress(p: RollbackProcedure, now: number): { done: number; total: number; elapsed: string; target: string; over: boolean; fraction: number } {
  const done = p.steps.filter((s) => s.doneAt !== null).length
  const elapsedMs = (p.finishedAt ?? now) - p.decidedAt
  const targetMs = p.targetMinutes * 60_000
  return {
    done,
    total: p.steps.length,
    elapsed: formatDuration(elapsedMs),
    target: formatDuration(targetMs),
    over: elapsedMs > targetMs,
    fraction: Math.min(1, Math.max(0, elapsedMs / targetMs))
  }
}
