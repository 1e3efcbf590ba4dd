import { z } from 'zod'

/** Field schemas every feature's API module builds its inputs from, so messages read the same everywhere. */
export const isoTime = z.iso.datetime({ offset: true, message: 'Use an ISO 8601 time such as 2026-11-22T14:00:00Z' })
export const id = (what: string) => z.string({ error: `${what} is required` }).min(1, `${what} is required`).max(128)
export const releaseId = id('releaseId')
export const text = (what: string, max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${what} is required` : `${what} must be text`) })
    .trim()
    .min(1, `${what} is required`)
    .max(max, `${what} is longer than ${max} characters`)
export const optionalText = (what: string, max: number) => z.string().trim().max(max, `${what} is longer than ${max} characters`).optional()

/** Every method is declared with its input schema and whether it writes. */
export type MethodSpec = { input: z.ZodType; mutates: boolean }
