import type { HandlerContext } from '../api/handler-context'
import type { Release } from '../../shared/release'
import { REVIEW_QUESTIONS, type PostReview } from '../../shared/review'
import { readRoom } from '../runbook/room-state'
import { RuleViolation } from '../api/domain-error'
import { draftReview } from './review-draft'
import { refuseNoReview, reviewOpening } from './review-rules'
import { missingFromReview, reviewProgress } from './review-criterion'

/** The whole review: the draft from the record, and what the team wrote. Refused before the review opens. */
export function readReview(ctx: HandlerContext, release: Release): PostReview {
  const refused = refuseNoReview(release)
  if (refused) throw new RuleViolation(refused)
  const timeline = ctx.timeline.all(release.id)
  const opening = reviewOpening(release, timeline)!
  const stored = ctx.reviews.get(release.id)
  const progress = reviewProgress(stored)
  const answers = new Map(stored.answers.map((a) => [a.questionId, a]))
  return {
    releaseId: release.id,
    openedAt: opening.at,
    openedOn: opening.on,
    draft: draftReview(readRoom(ctx, release.id), timeline, ctx.clock.now()),
    questions: REVIEW_QUESTIONS.map((q) => {
      const a = answers.get(q.id)
      return { ...q, answer: a?.answer ?? '', notApplicable: a?.notApplicable ?? false, by: a?.by ?? null, at: a?.at ?? null }
    }),
    lessons: stored.lessons,
    lessonsBy: stored.lessonsBy,
    lessonsAt: stored.lessonsAt,
    actions: stored.actions,
    progress,
    missing: missingFromReview(progress),
    completed: stored.completed
  }
}
