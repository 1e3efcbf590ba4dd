import type { TimelineEntry } from '../../../shared/timeline'
import { ROLE_LABELS } from '../../../shared/roles'

/** Kinds whose label is not simply their family (the part before the dot). */
const SPECIFIC: Record<string, string> = {
  'release.created': 'created',
  'release.stage-changed': 'stage',
  'release.aborted': 'aborted',
  'release.notes-edited': 'notes',
  'release.rolled-back': 'rollback',
  'decision.vote': 'vote',
  'demo.control': 'signal'
}

/** The labels the kind filter offers, in the order a window runs. */
export const KIND_FILTERS = ['created', 'checklist', 'vote', 'stage', 'rollout', 'incident', 'rollback', 'signal', 'outcome', 'review', 'notes', 'note', 'aborted'] as const

/** The short label an entry shows, and is filtered by: its family, so new kinds of a feature land in its group. */
export function kindLabel(kind: string): string {
  return SPECIFIC[kind] ?? kind.split('.')[0]
}

/** Every word must appear in the summary, the person or their role; `kind` is a label from KIND_FILTERS. */
export function timelineMatches(e: TimelineEntry, text: string, kind: string): boolean {
  if (kind && kindLabel(e.kind) !== kind) return false
  if (!text) return true
  const hay = `${e.summary} ${e.actor?.name ?? ''} ${e.actor ? ROLE_LABELS[e.actor.role] : ''}`.toLowerCase()
  return text.toLowerCase().split(/\s+/).every((w) => hay.includes(w))
}
