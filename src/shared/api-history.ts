import { z } from 'zod'
import { actorSchema } from './roles'
import { isoTime, optionalText, releaseId, text, type MethodSpec } from './api-fields'
import type { DoraFigures } from './dora'
import { HISTORY_BUCKETS, type ErrorBudget, type HistoryTrends, type ReleaseHistoryRow, type ServiceSlo } from './history'
import type { Release } from './release'

const service = text('Service', 100)

/** A window over the history: both ends optional (the handler fills them from the clock), the end after the start. */
const window = { from: isoTime.optional(), to: isoTime.optional() }
const ordered: [(w: { from?: string; to?: string }) => boolean, { message: string; path: string[] }] = [
  (w) => !w.from || !w.to || Date.parse(w.from) < Date.parse(w.to),
  { message: 'from must be before to', path: ['to'] }
]

export const sloInput = z
  .object({
    service,
    targetPercent: z
      .number({ error: 'targetPercent is the availability target in percent, such as 99.9' })
      .min(50, 'targetPercent below 50% is not an availability objective; write it in percent, such as 99.9')
      .max(99.9999, 'targetPercent must leave some budget: at most 99.9999'),
    windowDays: z.number({ error: 'windowDays must be a number of days' }).int('windowDays must be whole days').min(1).max(365).default(30),
    reason: optionalText('Reason', 1000),
    actor: actorSchema
  })
  .strict()

/**
 * Delivery history across every release in the store: DORA's four keys with their bands, their trend per week or
 * month, the releases behind them, and each service's error budget from its SLO.
 */
export const historyApi = {
  'history.dora': { input: z.object({ service: service.optional(), ...window }).strict().refine(...ordered), mutates: false },
  'history.releases': { input: z.object({ service: service.optional() }).strict(), mutates: false },
  'history.trends': {
    input: z
      .object({
        service: service.optional(),
        bucket: z.enum(HISTORY_BUCKETS, { error: `bucket must be one of: ${HISTORY_BUCKETS.join(', ')}` }),
        ...window
      })
      .strict()
      .refine(...ordered),
    mutates: false
  },
  'history.slo.set': { input: sloInput, mutates: true },
  'history.slo.list': { input: z.object({}).strict(), mutates: false },
  'history.errorBudget': { input: z.object({ service }).strict(), mutates: false },
  /** The commit time lead time is measured from; null clears it. */
  'releases.commitAt.set': { input: z.object({ releaseId, commitAt: isoTime.nullable(), actor: actorSchema }).strict(), mutates: true }
} as const satisfies Record<string, MethodSpec>

export interface HistoryResults {
  'history.dora': DoraFigures
  'history.releases': ReleaseHistoryRow[]
  'history.trends': HistoryTrends
  'history.slo.set': ServiceSlo
  'history.slo.list': ServiceSlo[]
  'history.errorBudget': ErrorBudget
  'releases.commitAt.set': Release
}
