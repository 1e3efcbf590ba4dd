import type { HandlerContext } from '../api/handler-context'

/** A release's availability (0…1, or percent) over the time it was measured (epoch ms). */
export interface ReleaseAvailability {
  value: number
  window: { from: number; to: number }
}

/**
 * Where the error budget reads each release's availability. The app passes the release report's figure
 * (src/main/report/report-availability.ts), so the budget spends exactly what each report shows; tests pass fixed values.
 */
export type AvailabilityOf = (ctx: HandlerContext, releaseId: string) => ReleaseAvailability | null
