import type { z } from 'zod'
import { runbookApi, type RunbookResults } from './api-runbook'
import { rolloutApi, type RolloutResults } from './api-rollout'
import { signalsApi, type SignalResults } from './api-signals'
import { adminApi, type AdminResults } from './api-admin'
import { closureApi, type ClosureResults } from './api-closure'
import { secretsApi, type SecretResults } from './api-secrets'
import { updatesApi, type UpdateResults } from './api-updates'
import { historyApi, type HistoryResults } from './api-history'
import { reportApi, type ReportResults } from './api-report'
import { reviewApi, type ReviewResults } from './api-review'

/**
 * The one API contract. Each method appears once, in its feature's module: its input schema, whether it changes
 * state (mutating methods run in a transaction and commit before answering), and, through `Results`, its result
 * type. Both hosts and the renderer import it from here.
 */
export const api = { ...runbookApi, ...rolloutApi, ...signalsApi, ...adminApi, ...closureApi, ...secretsApi, ...updatesApi, ...historyApi, ...reportApi, ...reviewApi } as const

export interface Results extends RunbookResults, RolloutResults, SignalResults, AdminResults, ClosureResults, SecretResults, UpdateResults, HistoryResults, ReportResults, ReviewResults {}

export type MethodName = keyof typeof api
export type Input<M extends MethodName> = z.input<(typeof api)[M]['input']>
export type ParsedInput<M extends MethodName> = z.output<(typeof api)[M]['input']>
export type Result<M extends MethodName> = Results[M]

export const METHOD_NAMES = Object.keys(api) as MethodName[]

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(api, name)
}

// A method added to `api` without a result type (or the reverse) fails to compile here.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false
const contractIsComplete: SameKeys<typeof api, Results> = true
void contractIsComplete
