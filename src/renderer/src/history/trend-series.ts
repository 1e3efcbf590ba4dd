import type { HistoryBucket, TrendPoint } from '../../../shared/history'
import type { DoraKey } from './dora-format'

export interface TrendSeries {
  key: DoraKey
  title: string
  unit: string
  labels: string[]
  /** null where the bucket had nothing to measure: the line breaks rather than dropping to zero. */
  values: (number | null)[]
  /** A lower value is better (lead time, failures, restore); the chart says so in its title. */
  lowerIsBetter: boolean
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "Jan 19" for a week (its Monday), "Jan 2026" for a month. */
export function bucketLabel(label: string, bucket: HistoryBucket): string {
  const [y, m, d] = label.split('-').map(Number)
  return bucket === 'month' ? `${MONTHS[m - 1]} ${y}` : `${MONTHS[m - 1]} ${d}`
}

/** The four charts of the trend section, one per key, in the units the tiles use. */
export function trendSeries(points: readonly TrendPoint[], bucket: HistoryBucket): TrendSeries[] {
  const labels = points.map((p) => bucketLabel(p.label, bucket))
  return [
    {
      key: 'deploymentFrequency',
      title: `Deployments per ${bucket}`,
      unit: 'deployments',
      labels,
      values: points.map((p) => p.deployments),
      lowerIsBetter: false
    },
    { key: 'leadTimeForChanges', title: 'Lead time (median hours)', unit: 'h', labels, values: points.map((p) => round(p.leadTimeHours)), lowerIsBetter: true },
    {
      key: 'changeFailureRate',
      title: 'Change failure rate (%)',
      unit: '%',
      labels,
      values: points.map((p) => (p.changeFailureRate === null ? null : round(p.changeFailureRate * 100))),
      lowerIsBetter: true
    },
    { key: 'timeToRestore', title: 'Time to restore (median minutes)', unit: 'min', labels, values: points.map((p) => round(p.timeToRestoreMinutes)), lowerIsBetter: true }
  ]
}

const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10)
