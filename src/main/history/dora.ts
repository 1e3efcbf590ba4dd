import type { DoraFigure, DoraFigures } from '../../shared/dora'
import { bandAtLeast, bandAtMost, DORA_BANDS } from './dora-bands'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** One production deployment as the war room recorded it. */
export interface Deployment {
  releaseId: string
  service: string
  /** When it reached production (epoch ms). */
  deployedAt: number
  /** Rolled back, or remediated after an incident: DORA's "change failure". */
  failed: boolean
  /** Detection-to-restore durations of the incidents it caused (ms). */
  restoreDurations: number[]
  /** When its change was committed, if the team recorded it. */
  committedAt?: number
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

function none(unit: string, explanation: string): DoraFigure {
  return { value: null, unit, band: 'no-data', basis: 0, explanation }
}

function duration(ms: number): string {
  if (ms < HOUR) return `${Math.round(ms / 60_000)} min`
  if (ms < 2 * DAY) return `${(ms / HOUR).toFixed(1)} h`
  return `${(ms / DAY).toFixed(1)} days`
}

/**
 * The four keys over a window, for one service or all. Frequency counts deployments per day; lead time and time to
 * restore are medians (the DORA definition); the failure rate is failed deployments over all deployments.
 */
export function doraFigures(all: readonly Deployment[], window: { from: number; to: number }, service?: string): DoraFigures {
  const deployments = all.filter((d) => d.deployedAt >= window.from && d.deployedAt < window.to && (!service || d.service === service))
  const days = Math.max(1 / 24, (window.to - window.from) / DAY)
  const n = deployments.length

  const perDay = n / days
  const deploymentFrequency: DoraFigure = n
    ? {
        value: perDay,
        unit: 'per day',
        band: bandAtLeast(perDay, DORA_BANDS.deploymentFrequency),
        basis: n,
        explanation: `${n} deployment${n === 1 ? '' : 's'} in ${Math.round(days)} days`
      }
    : none('per day', 'No production deployments in this window')

  const leads = deployments.filter((d) => d.committedAt !== undefined).map((d) => d.deployedAt - d.committedAt!)
  const leadTimeForChanges: DoraFigure = leads.length
    ? {
        value: median(leads) / HOUR,
        unit: 'hours',
        band: bandAtMost(median(leads), DORA_BANDS.leadTime),
        basis: leads.length,
        explanation: `median ${duration(median(leads))} from commit to production over ${leads.length} release${leads.length === 1 ? '' : 's'} with a commit time`
      }
    : none('hours', 'No release in this window recorded its commit time')

  const failed = deployments.filter((d) => d.failed).length
  const changeFailureRate: DoraFigure = n
    ? {
        value: failed / n,
        unit: 'ratio',
        band: bandAtMost(failed / n, DORA_BANDS.changeFailureRate),
        basis: n,
        explanation: `${failed} of ${n} deployment${n === 1 ? '' : 's'} needed a rollback or fix`
      }
    : none('ratio', 'No production deployments in this window')

  const restores = deployments.flatMap((d) => d.restoreDurations)
  const timeToRestore: DoraFigure = restores.length
    ? {
        value: median(restores) / 60_000,
        unit: 'minutes',
        band: bandAtMost(median(restores), DORA_BANDS.timeToRestore),
        basis: restores.length,
        explanation: `median ${duration(median(restores))} from detection to restore over ${restores.length} incident${restores.length === 1 ? '' : 's'}`
      }
    : none('minutes', 'No restored incidents in this window')

  return {
    window: { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString(), days },
    service: service ?? null,
    deploymentFrequency,
    leadTimeForChanges,
    changeFailureRate,
    timeToRestore
  }
}
