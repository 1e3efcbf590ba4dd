import type { Handler } from '../api/handlers'
import { NotFoundError, RuleViolation } from '../api/domain-error'
import { ROLE_LABELS } from '../../shared/roles'
import { TERMINAL_STATUSES } from '../../shared/release'
import { REVIEW_QUESTIONS, type ReviewAction } from '../../shared/review'
import { isAccountableOwner, refuseObserver } from '../runbook/release-rules'
import { requireRelease } from '../runbook/room-state'
import { nowIso, record } from '../timeline/record'
import { refuseCompletion, refuseNoReview, refuseReviewEdit } from './review-rules'
import { missingFromReview, reviewProgress } from './review-criterion'
import { readReview } from './review-read'

const ownerText = (o: ReviewAction['owner']) => (o ? `${o.name} (${ROLE_LABELS[o.role]})` : 'no owner yet')

function openReview(ctx: Parameters<Handler<'review.get'>>[1], releaseId: string) {
  const release = requireRelease(ctx, releaseId)
  const refused = refuseNoReview(release)
  if (refused) throw new RuleViolation(refused)
  return { release, stored: ctx.reviews.get(release.id) }
}

const get: Handler<'review.get'> = (input, ctx) => readReview(ctx, requireRelease(ctx, input.releaseId))

const answer: Handler<'review.answer'> = (input, ctx) => {
  const { release, stored } = openReview(ctx, input.releaseId)
  const refused = refuseReviewEdit(stored, input.actor, 'answer review questions')
  if (refused) throw new RuleViolation(refused)
  const question = REVIEW_QUESTIONS.find((q) => q.id === input.questionId)!
  const text = input.answer ?? ''
  ctx.reviews.answer(release.id, { questionId: question.id, answer: text, notApplicable: input.notApplicable }, input.actor, nowIso(ctx))
  record(ctx, {
    releaseId: release.id,
    kind: 'review.answered',
    actor: input.actor,
    summary: input.notApplicable ? `Review: "${question.text}" marked not applicable${text ? `: ${text}` : ''}` : `Review: "${question.text}" ${text}`,
    data: { questionId: question.id, area: question.area, answer: text, notApplicable: input.notApplicable }
  })
  return readReview(ctx, release)
}

const setLessons: Handler<'review.lessons.set'> = (input, ctx) => {
  const { release, stored } = openReview(ctx, input.releaseId)
  const refused = refuseReviewEdit(stored, input.actor, 'write lessons learned')
  if (refused) throw new RuleViolation(refused)
  ctx.reviews.setLessons(release.id, input.lessons, input.actor, nowIso(ctx))
  record(ctx, {
    releaseId: release.id,
    kind: 'review.lessons-set',
    actor: input.actor,
    summary: input.lessons.length ? `Lessons learned (${input.lessons.length}): ${input.lessons.join(' · ')}` : 'Cleared the lessons learned',
    data: { lessons: input.lessons }
  })
  return readReview(ctx, release)
}

/** Action items outlive the review: they may be added and followed up after it is completed and the release closed. */
const addAction: Handler<'review.actions.add'> = (input, ctx) => {
  const { release } = openReview(ctx, input.releaseId)
  const refused = refuseObserver(input.actor, 'add action items')
  if (refused) throw new RuleViolation(refused)
  const action = ctx.reviews.addAction(release.id, { title: input.title, owner: input.owner ?? null, due: input.due ?? null }, input.actor, nowIso(ctx))
  record(ctx, {
    releaseId: release.id,
    kind: 'review.action-added',
    actor: input.actor,
    summary: `Action item: ${action.title}, owner ${ownerText(action.owner)}${action.due ? `, due ${action.due}` : ''}`,
    data: { actionId: action.id, title: action.title, owner: action.owner, due: action.due }
  })
  return readReview(ctx, release)
}

const updateAction: Handler<'review.actions.update'> = (input, ctx) => {
  const { release } = openReview(ctx, input.releaseId)
  const before = ctx.reviews.action(release.id, input.actionId)
  if (!before) throw new NotFoundError('action item', input.actionId)
  const refused = refuseObserver(input.actor, 'change action items')
  if (refused) throw new RuleViolation(refused)
  const after: ReviewAction = {
    ...before,
    title: input.title ?? before.title,
    owner: input.owner ?? before.owner,
    due: input.due === undefined ? before.due : input.due,
    status: input.status ?? before.status
  }
  const changes: string[] = []
  if (after.title !== before.title) changes.push(`renamed to "${after.title}"`)
  if (ownerText(after.owner) !== ownerText(before.owner)) changes.push(`owner ${ownerText(after.owner)}`)
  if (after.due !== before.due) changes.push(after.due ? `due ${after.due}` : 'no due date')
  if (after.status !== before.status) changes.push(after.status === 'done' ? 'done' : 'reopened')
  if (changes.length === 0) throw new RuleViolation(`Nothing to change: the action item "${before.title}" already reads that way.`)
  ctx.reviews.saveAction(release.id, after, nowIso(ctx))
  record(ctx, {
    releaseId: release.id,
    kind: 'review.action-updated',
    actor: input.actor,
    summary: `Action item "${before.title}": ${changes.join(', ')}`,
    data: { actionId: after.id, title: after.title, owner: after.owner, due: after.due, status: after.status }
  })
  return readReview(ctx, release)
}

const complete: Handler<'review.complete'> = (input, ctx) => {
  const { release, stored } = openReview(ctx, input.releaseId)
  const missing = missingFromReview(reviewProgress(stored))
  const refused = refuseObserver(input.actor, 'complete the review') ?? refuseCompletion(release, stored, missing, input.actor)
  if (refused) throw new RuleViolation(refused, missing.map((m) => ({ path: '', message: m })))
  ctx.reviews.complete(release.id, input.actor, nowIso(ctx))
  const open = stored.actions.filter((a) => a.status === 'open').length
  record(ctx, {
    releaseId: release.id,
    kind: 'review.completed',
    actor: input.actor,
    summary: `Completed the post-release review: ${stored.lessons.length} lesson${stored.lessons.length === 1 ? '' : 's'} learned, ${stored.actions.length} action item${stored.actions.length === 1 ? '' : 's'} (${open} open)`,
    data: { lessons: stored.lessons.length, actions: stored.actions.length, openActions: open }
  })
  return readReview(ctx, release)
}

/**
 * Links a success criterion to one of the release's signals, to be read at the end of the validation window. Set after
 * creation because signals are added to a release after it exists; it can be changed until the reading is taken.
 */
const linkSignal: Handler<'outcomes.signal.set'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  const criterion = release.successCriteria[input.criterion]
  const signal = ctx.signals.get(input.signalId)
  const existing = ctx.outcomeSignals.get(release.id, input.criterion)
  const refused =
    refuseObserver(input.actor, 'link outcomes to signals') ??
    (TERMINAL_STATUSES.includes(release.status) ? `The release is ${release.status}; its validation window is over.` : undefined) ??
    (!criterion ? `This release has ${release.successCriteria.length} success criteria; there is no criterion ${input.criterion}.` : undefined) ??
    (!signal || signal.releaseId !== release.id ? `This release has no signal with id "${input.signalId}"; see its signals in releases.get.` : undefined) ??
    (existing?.settled ? `"${criterion?.description}" was already read at the end of validation; record a new measurement by hand instead.` : undefined) ??
    (input.actor.role === 'product-owner' || isAccountableOwner(release, input.actor)
      ? undefined
      : `Outcomes are linked to signals by the product owner or the accountable owner (${release.owner}).`)
  if (refused || !criterion || !signal) throw new RuleViolation(refused ?? 'No such criterion or signal.')
  const link = ctx.outcomeSignals.set(
    { releaseId: release.id, criterion: input.criterion, signalId: signal.id, comparator: input.comparator, value: input.value, windowMinutes: input.windowMinutes },
    input.actor,
    nowIso(ctx)
  )
  record(ctx, {
    releaseId: release.id,
    kind: 'outcome.signal-set',
    actor: input.actor,
    summary: `"${criterion.description}" will be read from ${signal.definition.name}: mean ${input.comparator} ${input.value}${signal.definition.unit ? ` ${signal.definition.unit}` : ''} over the first ${input.windowMinutes} min of validation`,
    data: { criterion: input.criterion, signalId: signal.id, comparator: input.comparator, value: input.value, windowMinutes: input.windowMinutes }
  })
  return { ...link, signalName: signal.definition.name }
}

const listLinks: Handler<'outcomes.signal.list'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  return ctx.outcomeSignals.list(release.id).map((l) => ({ ...l, signalName: ctx.signals.get(l.signalId)?.definition.name ?? 'a removed signal' }))
}

export const reviewHandlers = {
  'review.get': get,
  'review.answer': answer,
  'review.lessons.set': setLessons,
  'review.actions.add': addAction,
  'review.actions.update': updateAction,
  'review.complete': complete,
  'outcomes.signal.list': listLinks,
  'outcomes.signal.set': linkSignal
}
