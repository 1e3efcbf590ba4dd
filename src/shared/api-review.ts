import { z } from 'zod'
import { actorSchema, roleSchema } from './roles'
import { id, optionalText, releaseId, text, type MethodSpec } from './api-fields'
import { ACTION_STATUSES, REVIEW_QUESTION_IDS, comparatorSchema, type OutcomeSignalLink, type PostReview } from './review'

const questionId = z.enum(REVIEW_QUESTION_IDS, { error: 'questionId must be one of the review questions (see review.get)' })
const ownerSchema = z
  .object({ name: text('Owner name', 80), role: roleSchema }, { error: 'owner is { name, role } of the person who will do it' })
  .strict()
const dueSchema = z.iso.date({ message: 'due is a day such as 2026-02-03' })

/** The post-release review, and success criteria read from a signal at the end of the validation window. */
export const reviewApi = {
  'review.get': { input: z.object({ releaseId }).strict(), mutates: false },
  'review.answer': {
    input: z
      .object({
        releaseId,
        questionId,
        answer: optionalText('Answer', 4000),
        /** The question does not apply to this release; the answer may say why. */
        notApplicable: z.boolean().default(false),
        actor: actorSchema
      })
      .strict()
      .refine((a) => a.notApplicable || !!a.answer, { message: 'Write an answer, or mark the question not applicable', path: ['answer'] }),
    mutates: true
  },
  'review.lessons.set': {
    input: z
      .object({
        releaseId,
        lessons: z.array(text('Lesson', 500), { error: 'lessons is a list of sentences' }).max(30, 'at most 30 lessons'),
        actor: actorSchema
      })
      .strict(),
    mutates: true
  },
  'review.actions.add': {
    input: z
      .object({
        releaseId,
        title: text('Action', 300),
        /** May be left for later; the review cannot be completed until every action has one. */
        owner: ownerSchema.optional(),
        due: dueSchema.optional(),
        actor: actorSchema
      })
      .strict(),
    mutates: true
  },
  'review.actions.update': {
    input: z
      .object({
        releaseId,
        actionId: id('actionId'),
        title: text('Action', 300).optional(),
        owner: ownerSchema.optional(),
        due: dueSchema.nullable().optional(),
        status: z.enum(ACTION_STATUSES, { error: 'status must be open or done' }).optional(),
        actor: actorSchema
      })
      .strict()
      .refine((u) => u.title !== undefined || u.owner !== undefined || u.due !== undefined || u.status !== undefined, {
        message: 'Say what to change: title, owner, due or status'
      }),
    mutates: true
  },
  'review.complete': { input: z.object({ releaseId, actor: actorSchema }).strict(), mutates: true },
  'outcomes.signal.list': { input: z.object({ releaseId }).strict(), mutates: false },
  'outcomes.signal.set': {
    input: z
      .object({
        releaseId,
        criterion: z.number({ error: 'criterion is the index of a success criterion' }).int().min(0),
        signalId: id('signalId'),
        comparator: comparatorSchema,
        value: z.number({ error: 'value is the number the signal is compared with' }).finite(),
        /** How long after entering validating the reading is taken (or until the release leaves validating, if sooner). */
        windowMinutes: z.number().int().min(1, 'windowMinutes is at least 1').max(30 * 24 * 60, 'windowMinutes is at most 30 days').default(24 * 60),
        actor: actorSchema
      })
      .strict(),
    mutates: true
  }
} as const satisfies Record<string, MethodSpec>

export interface ReviewResults {
  'review.get': PostReview
  'review.answer': PostReview
  'review.lessons.set': PostReview
  'review.actions.add': PostReview
  'review.actions.update': PostReview
  'review.complete': PostReview
  'outcomes.signal.list': OutcomeSignalLink[]
  'outcomes.signal.set': OutcomeSignalLink
}
