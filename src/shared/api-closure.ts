import { z } from 'zod'
import { actorSchema } from './roles'
import { optionalText, releaseId, type MethodSpec } from './api-fields'
import { OUTCOME_RESULTS, releaseNotesSchema, type Outcome, type ReleaseNotes } from './closure'

/** Closing the loop: release notes, and the outcome of each success criterion. */
export const closureApi = {
  'releases.notes.set': { input: z.object({ releaseId, notes: releaseNotesSchema, actor: actorSchema }).strict(), mutates: true },
  'outcomes.record': {
    input: z
      .object({
        releaseId,
        criterion: z.number({ error: 'criterion is the index of a success criterion' }).int().min(0),
        result: z.enum(OUTCOME_RESULTS, { error: 'result must be met or missed' }),
        measured: optionalText('Measured value', 200),
        note: optionalText('Note', 2000),
        actor: actorSchema
      })
      .strict(),
    mutates: true
  }
} as const satisfies Record<string, MethodSpec>

export interface ClosureResults {
  'releases.notes.set': ReleaseNotes
  'outcomes.record': Outcome
}
