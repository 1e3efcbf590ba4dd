import type { HistoryBucket, TrendPoint } from '../../shared/history'
import { doraFigures, type Deployment } from './dora'

const DAY = 86_400_000

/** The bucket a moment falls in starts here: Monday 00:00 UTC for a week, the 1st 00:00 UTC for a month. */
export function bucketStart(t: number, bucket: HistoryBucket): number {
  const d = new Date(t)
  if (bucket === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
  const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
  return midnight - ((d.getUTCDay() + 6) % 7) * DAY
}

function nextBucket(start: number, bucket: HistoryBucket): number {
  if (bucket === 'week') return start + 7 * DAY
  const d = new Date(start)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
}

/** "2026-01-19" for the week starting that Monday, "2026-01" for a month. */
function labelOf(start: number, bucket: HistoryBucket): string {
  const iso = new Date(start).toISOString()
  return bucket === 'month' ? iso.slice(0, 7) : iso.slice(0, 10)
}

/**
 * The four keys per week or month across the window. The first and last buckets are cut to the window, so a
 * half-week counts its deployments over half a week rather than looking slow.
 */
export function trendPoints(deployments: readonly Deployment[], window: { from: number; to: number }, bucket: HistoryBucket, service?: string): TrendPoint[] {
  const points: TrendPoint[] = []
  for (let start = bucketStart(window.from, bucket); start < window.to; start = nextBucket(start, bucket)) {
    const from = Math.max(start, window.from)
    const to = Math.min(nextBucket(start, bucket), window.to)
    const f = doraFigures(deployments, { from, to }, service)
    points.push({
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      label: labelOf(start, bucket),
      deployments: f.deploymentFrequency.basis,
      failures: f.changeFailureRate.value === null ? 0 : Math.round(f.changeFailureRate.value * f.changeFailureRate.basis),
      deploymentsPerDay: f.deploymentFrequency.value ?? 0,
      leadTimeHours: f.leadTimeForChanges.value,
      changeFailureRate: f.changeFailureRate.value,
      timeToRestoreMinutes: f.timeToRestore.value,
      bands: {
        deploymentFrequency: f.deploymentFrequency.band,
        leadTimeForChanges: f.leadTimeForChanges.band,
        changeFailureRate: f.changeFailureRate.band,
        timeToRestore: f.timeToRestore.band
      }
    })
  }
  return points
}
