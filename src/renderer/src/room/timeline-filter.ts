import type { TimelineEntry } from '../../../shared/timeline'
import { ROLE_LABELS } from '../../../shared/roles'

/** The short label each kind of entry shows, and filters by. Kinds not listed show as themselves. */
export const KIND_LABELS: Record<string, string> = {
  'release.created': 'created',
  'release.stage-changed': 'stage',
  'release.aborted': 'aborted',
  'checklist.item-changed': 'checklist',
  'checklist.item-added': 'checklist',
  'checklist.item-edited': 'checklist',
  'checklist.reordered': 'checklist',
  'checklist.imported': 'checklist',
  'decision.vote': 'vote',
  note: 'note'
}

/** Every word must appear in the summary, the person or their role; `kind` is a label from KIND_LABELS. */
export function timelineMatches(e: TimelineEntry, text: string, kind: string): boolean {
  if (kind && (KIND_LABELS[e.kind] ?? e.kind) !== kind) return false
  if (!text) return true
  const hay = `${e.summary} ${e.actor?.name ?? ''} ${e.actor ? ROLE_LABELS[e.actor.role] : ''}`.toLowerCase()
  return text.toLowerCase().split(/\s+/).every((w) => hay.includes(w))
}

