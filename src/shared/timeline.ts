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
  | 'release.notes-edited'
  | 'outcome.recorded'
  // The post-release review, and success criteria read from a signal at the end of validation.
  | 'review.answered'
  | 'review.lessons-set'
  | 'review.action-added'
  | 'review.action-updated'
  | 'review.completed'
  | 'outcome.signal-set'
  | 'outcome.unmeasured'
  | 'release.commit-set'
  // The staged rollout: each transition, each gate verdict (an override is a vote-like entry of its own), each action.
  | 'rollout.plan-set'
  | 'rollout.started'
  | 'rollout.advanced'
  | 'rollout.override'
  | 'rollout.held'
  | 'rollout.resumed'
  | 'rollout.aborted'
  | 'rollout.completed'
  | 'rollout.soak-ended'
  | 'rollout.gate'
  | 'rollout.action'
  // Incidents, the decision tree walked for them, and the rollback that may follow.
  | 'incident.opened'
  | 'incident.answered'
  | 'incident.decided'
  | 'incident.deadline'
  | 'incident.resolved'
  | 'rollback.started'
  | 'rollback.step-done'
  | 'release.rolled-back'
  // Live health: signals changing, sustained breaches and recoveries, and the demo's fault control.
  | 'signal.added'
  | 'signal.updated'
  | 'signal.removed'
  | 'signal.breach'
  | 'signal.recovered'
  | 'demo.control'
  // The release report: the deployment metrics table's targets, signals and hand-entered actuals.
  | 'report.targets-set'
  // Stakeholder updates: template edits, the webhook, each send (when accepted, then its outcome) and each copy.
  | 'update.template-set'
  | 'update.template-reset'
  | 'update.webhook-set'
  | 'update.webhook-removed'
  | 'update.sending'
  | 'update.delivered'
  | 'update.failed'
  | 'update.copied'

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
