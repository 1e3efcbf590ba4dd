import type { Actor } from '../../shared/roles'
import type { Release } from '../../shared/release'
import type { TimelineEntry } from '../../shared/timeline'
import { hasReview, type PostReview } from '../../shared/review'
import { isAccountableOwner, refuseObserver, type Refusal } from '../runbook/release-rules'

/**
 * When the review opened: the first entry of the timeline that moved the release to validating or ended it off the
 * happy path. A release closed through validating keeps the moment it entered validating.
 */
export function reviewOpening(release: Release, timeline: readonly TimelineEntry[]): { at: string; on: PostReview['openedOn'] } | null {
  if (!hasReview(release.status)) return null
  for (const e of timeline) {
    if (e.kind === 'release.stage-changed' && e.data.to === 'validating') return { at: e.at, on: 'validating' }
    if (e.kind === 'release.rolled-back') return { at: e.at, on: 'rolled-back' }
    if (e.kind === 'release.aborted') return { at: e.at, on: 'aborted' }
  }
  // A record without the entry (imported or hand-made): the review still exists, opened at the last change.
  return { at: release.updatedAt, on: release.status === 'aborted' ? 'aborted' : release.status === 'rolled-back' ? 'rolled-back' : 'validating' }
}

/** Answers and lessons are the team's; observers watch. A completed review is the record: follow-up lives in action items. */
export function refuseReviewEdit(review: { completed: { by: Actor; at: string } | null }, actor: Actor, what: string): Refusal {
  const observer = refuseObserver(actor, what)
  if (observer) return observer
  if (review.completed) {
    return `The review was completed by ${review.completed.by.name} at ${review.completed.at}; its answers and lessons are the record now. Add an action item or a note instead.`
  }
}

/** The playbook has the project manager lead the closure; the accountable owner answers for the release. */
export function refuseCompletion(release: Release, review: { completed: { by: Actor; at: string } | null }, missing: readonly string[], actor: Actor): Refusal {
  if (review.completed) return `The review was already completed by ${review.completed.by.name} at ${review.completed.at}.`
  if (actor.role !== 'project-manager' && !isAccountableOwner(release, actor)) {
    return `The review is completed by the project manager or the accountable owner (${release.owner}).`
  }
  if (missing.length) return `The review cannot be completed yet: ${missing.join('; ')}.`
}

export function refuseNoReview(release: Release): Refusal {
  if (!hasReview(release.status)) {
    return `The post-release review opens when the release enters validating (or ends rolled back or aborted); it is ${release.status}.`
  }
}
