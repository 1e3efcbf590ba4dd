import { z } from 'zod'
import { actorSchema } from './roles'
import { strategySchema, type Release } from './release'

const isoTime = z.iso.datetime({ offset: true, message: 'Use an ISO 8601 time such as 2026-11-22T14:00:00Z' })
const releaseId = z.string({ error: 'releaseId is required: the id of a release' }).min(1, 'releaseId is required').max(64)
const text = (what: string, max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${what} is required` : `${what} must be text`) })
    .trim()
    .min(1, `${what} is required`)
    .max(max, `${what} is longer than ${max} characters`)

export const createReleaseInput = z
  .object({
    title: text('Title', 200),
    service: text('Service', 100),
    version: text('Version', 64),
    strategy: strategySchema,
    owner: text('Owner (one accountable person)', 80),
    environment: text('Environment', 40).optional(),
    windowStart: isoTime.optional(),
    windowEnd: isoTime.optional(),
    actor: actorSchema
  })
  .strict()
  .refine((r) => !r.windowStart || !r.windowEnd || Date.parse(r.windowStart) < Date.parse(r.windowEnd), {
    message: 'The window must end after it starts',
    path: ['windowEnd']
  })

/**
 * The one API contract. Each method appears once: its input schema, whether it changes state (mutating methods
 * run in a transaction and commit before answering), and, through `Results`, its result type.
 */
export const api = {
  'releases.create': { input: createReleaseInput, mutates: true },
  'releases.list': { input: z.object({}).strict(), mutates: false },
  'releases.get': { input: z.object({ releaseId }).strict(), mutates: false }
} as const satisfies Record<string, { input: z.ZodType; mutates: boolean }>

export interface Results {
  'releases.create': Release
  'releases.list': Release[]
  'releases.get': Release
}

export type MethodName = keyof typeof api
export type Input<M extends MethodName> = z.input<(typeof api)[M]['input']>
export type ParsedInput<M extends MethodName> = z.output<(typeof api)[M]['input']>
export type Result<M extends MethodName> = Results[M]

export const METHOD_NAMES = Object.keys(api) as MethodName[]

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(api, name)
}

/** Bumped whenever the contract changes shape; the health endpoint reports it beside the schema version. */
export const API_VERSION = 1

// A method added to `api` without a result type (or the reverse) fails to compile here.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false
const contractIsComplete: SameKeys<typeof api, Results> = true
void contractIsComplete
