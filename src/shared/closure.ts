import { z } from 'zod'

/** Release notes in the playbook's shape: written for users, organised by what changed for them. */
export const releaseNotesSchema = z
  .object({
    whatsNew: z.string().max(20_000).default(''),
    fixes: z.string().max(20_000).default(''),
    knownIssues: z.string().max(20_000).default(''),
    upgrade: z.string().max(20_000).default('')
  })
  .strict()
export type ReleaseNotesText = z.infer<typeof releaseNotesSchema>

export interface ReleaseNotes extends ReleaseNotesText {
  updatedBy: { name: string; role: string } | null
  updatedAt: string | null
}

export const OUTCOME_RESULTS = ['met', 'missed'] as const
export type OutcomeResult = (typeof OUTCOME_RESULTS)[number]

/** A success criterion measured after release. A later measurement of the same criterion replaces it in the view. */
export interface Outcome {
  criterion: number
  description: string
  target: string | null
  result: OutcomeResult | 'not measured'
  measured: string | null
  note: string | null
  by: { name: string; role: string } | null
  at: string | null
}

export interface ClosureRoomPart {
  releaseNotes: ReleaseNotes
  outcomes: Outcome[]
}
