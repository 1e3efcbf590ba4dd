import type { Actor } from './roles'

/** What kind of thing happened. Later features add kinds; old rows keep theirs. */
export type TimelineKind =
  | 'release.created'
  | 'release.stage-changed'
  | 'release.aborted'
  | 'checklist.item-changed'
  | 'checklist.item-added'
  | 'checklist.item-edited'
  | 'checklist.reordered'
  | 'checklist.imported'
  | 'decision.vote'
  | 'note'

export interface TimelineEntry {
  id: number
  releaseId: string
  /** 1, 2, 3… within the release: the position in its hash chain. */
  seq: number
  at: string
  kind: TimelineKind
  actor: Actor | null
  summary: string
  data: Record<string, unknown>
  prevHash: string
  hash: string
}

export type ChainVerdict =
  | { ok: true; count: number; headHash: string }
  | { ok: false; count: number; firstBad: { seq: number; id: number; reason: string } }
