import type { HandlerContext } from '../api/handler-context'

/** A release's availability (0…1, or percent) over the time it was measured (epoch ms). */
export interface ReleaseAvailability {
  value: number
  window: { from: number; to: number }
}

/**
 * Where the error budget reads each release's availability. This is the seam to swap when the release report's
 * deployment metrics table holds the measured figure: pass another function to `createHistoryHandlers`.
 */
export type AvailabilityOf = (ctx: HandlerContext, releaseId: string) => ReleaseAvailability | null

/** The default: the mean of every sample of the release's own signals whose name contains "availability". */
export const signalAvailability: AvailabilityOf = (ctx, releaseId) => {
  const s = ctx.history.availabilitySamples(releaseId)
  return s ? { value: s.sum / s.count, window: { from: s.from, to: s.to } } : null
}
