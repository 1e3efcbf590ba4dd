import { z } from 'zod'
import type { Actor, Role } from './roles'
import type { FigureStatus } from './rollout'
import type { ReleaseStatus } from './release'

/**
 * The post-release review (playbook, step 8): what the record says happened, the four groups of questions the team
 * answers together, the lessons learned, and the action items that carry them into the next release.
 */

/** The stages at which a release has a review: the validation window, and every way a release ends. */
export const REVIEW_STAGES: readonly ReleaseStatus[] = ['validating', 'closed', 'rolled-back', 'aborted']

export function hasReview(status: ReleaseStatus): boolean {
  return REVIEW_STAGES.includes(status)
}

export const REVIEW_AREAS = ['technical', 'process', 'people', 'business'] as const
export type ReviewArea = (typeof REVIEW_AREAS)[number]

export const REVIEW_AREA_LABELS: Record<ReviewArea, string> = {
  technical: 'Technical',
  process: 'Process',
  people: 'People',
  business: 'Business'
}

export interface ReviewQuestion {
  id: string
  area: ReviewArea
  text: string
}

/** The playbook's questions, in our own words. Ids are stored with answers, so they never change once released. */
export const REVIEW_QUESTIONS: readonly ReviewQuestion[] = [
  { id: 'tech-plan', area: 'technical', text: 'Did the deployment follow the plan?' },
  { id: 'tech-surprises', area: 'technical', text: 'What surprised us?' },
  { id: 'tech-duration', area: 'technical', text: 'How long did it take against the estimate?' },
  { id: 'tech-rollback', area: 'technical', text: 'Did we roll back? If so, what made us?' },
  { id: 'tech-metrics', area: 'technical', text: 'Which measures got better, and which got worse?' },
  { id: 'process-checklist', area: 'process', text: 'Did the checklist catch what mattered?' },
  { id: 'process-monitoring', area: 'process', text: 'Did monitoring show problems before users did?' },
  { id: 'process-communication', area: 'process', text: 'Did the right people hear the right things in time?' },
  { id: 'process-roles', area: 'process', text: 'Did everyone know what they owned?' },
  { id: 'process-smoother', area: 'process', text: 'What one change would make the next window smoother?' },
  { id: 'people-prepared', area: 'people', text: 'Was the team ready for this window?' },
  { id: 'people-training', area: 'people', text: 'Was anyone missing training or knowledge they needed?' },
  { id: 'people-stress', area: 'people', text: 'How heavy was the load on people, and was it handled well?' },
  { id: 'people-support', area: 'people', text: 'Did people feel backed up when it mattered?' },
  { id: 'people-experience', area: 'people', text: 'What would make the next window better for the team?' },
  { id: 'business-users', area: 'business', text: 'How are users taking the release?' },
  { id: 'business-objectives', area: 'business', text: 'Did we reach the business goals we set (see the outcomes)?' },
  { id: 'business-timely', area: 'business', text: 'Did it ship when the business needed it?' },
  { id: 'business-worth', area: 'business', text: 'Was it worth what it cost?' },
  { id: 'business-return', area: 'business', text: 'What return can we see so far?' }
]

export const REVIEW_QUESTION_IDS = REVIEW_QUESTIONS.map((q) => q.id) as [string, ...string[]]

export const ACTION_STATUSES = ['open', 'done'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]

/** A person who owns an action item: by name, with the hat they wear. */
export interface ActionOwner {
  name: string
  role: Role
}

export interface ReviewAction {
  id: string
  title: string
  owner: ActionOwner | null
  /** A calendar day, YYYY-MM-DD, or null. */
  due: string | null
  status: ActionStatus
  createdBy: Actor
  createdAt: string
  updatedAt: string
}

export interface ReviewAnswerView extends ReviewQuestion {
  answer: string
  notApplicable: boolean
  by: Actor | null
  at: string | null
}

/** What the closure gate reads: only counts and names, so evaluating a gate never reads the timeline. */
export interface ReviewProgress {
  /** The texts of the questions neither answered nor marked not applicable. */
  unanswered: string[]
  lessons: number
  /** The titles of action items with no owner. */
  ownerless: string[]
  completed: boolean
}

// ---------------------------------------------------------------------------------------------------------------
// The draft: facts read from the record, never typed by a person

export type DraftDecisionKind = 'gate' | 'vote' | 'override' | 'incident' | 'rollback' | 'abort'

export interface DraftDecision {
  at: string
  kind: DraftDecisionKind
  text: string
  actor: Actor | null
  /** From the reference moment (the planned window start, else entering production, else creation); may be negative. */
  sinceStartMs: number
}

export interface DraftBreach {
  at: string
  signal: string
  summary: string
  recoveredAt: string | null
}

export interface DraftRollback {
  decidedAt: string
  reason: string
  by: Actor
  finishedAt: string | null
  elapsedMs: number | null
  targetMs: number
  status: FigureStatus
}

export interface DraftIncident {
  id: string
  severity: string
  summary: string
  source: string
  detectedAt: string
  decidedAt: string | null
  decision: string | null
  timeToDecisionMs: number | null
  resolvedAt: string | null
}

export interface DraftCatch {
  kind: 'blocked' | 'no-go' | 'note'
  at: string | null
  title: string
  who: string
  detail: string
}

export interface DraftFigure {
  label: string
  actualMs: number | null
  targetMs: number | null
  status: FigureStatus
}

export interface ReviewDraft {
  reference: { at: string; label: string }
  /** One line each, for the top of the review: what a reader should know first. */
  headlines: string[]
  decisions: DraftDecision[]
  breaches: DraftBreach[]
  rollbacks: DraftRollback[]
  incidents: DraftIncident[]
  caught: DraftCatch[]
  figures: DraftFigure[]
}

export interface PostReview {
  releaseId: string
  /** When the release entered validating, or ended rolled back or aborted: the review exists from then on. */
  openedAt: string
  openedOn: 'validating' | 'rolled-back' | 'aborted'
  draft: ReviewDraft
  questions: ReviewAnswerView[]
  lessons: string[]
  lessonsBy: Actor | null
  lessonsAt: string | null
  actions: ReviewAction[]
  progress: ReviewProgress
  /** What is still missing before the review can be completed; empty when it can be. */
  missing: string[]
  completed: { by: Actor; at: string } | null
}

// ---------------------------------------------------------------------------------------------------------------
// A success criterion read from a signal

export const COMPARATORS = ['<', '<=', '>', '>='] as const
export type Comparator = (typeof COMPARATORS)[number]

export const comparatorSchema = z.enum(COMPARATORS, { error: `comparator must be one of: ${COMPARATORS.join(' ')}` })

export interface OutcomeSignalLink {
  criterion: number
  signalId: string
  signalName: string
  comparator: Comparator
  value: number
  windowMinutes: number
  setBy: Actor
  setAt: string
  /** Null until the validation window ends; then what the reading came to. */
  settled: 'met' | 'missed' | 'no-data' | 'by-person' | null
  settledAt: string | null
}
