import type { Actor } from './roles'
import type { ReleaseStatus, Strategy } from './release'
import type { DoraBand, DoraFigures } from './dora'

/** How the trend charts cut time: ISO weeks (Monday 00:00 UTC) or calendar months (UTC). */
export const HISTORY_BUCKETS = ['week', 'month'] as const
export type HistoryBucket = (typeof HISTORY_BUCKETS)[number]

/** One release as the delivery history reads it: a row of the history table. */
export interface ReleaseHistoryRow {
  id: string
  title: string
  service: string
  version: string
  status: ReleaseStatus
  strategy: Strategy
  owner: string
  createdAt: string
  /** When its change was committed, if the team recorded it. */
  commitAt: string | null
  /** When it entered production; null for a release that never got there (not a deployment). */
  deployedAt: string | null
  /** A change failure: rolled back, or an incident in production decided to roll back or fix. */
  failed: boolean
  /** Why it counts as failed, in a few words; null when it did not fail. */
  failure: string | null
  /** Detection-to-restore of each incident it caused in production, in minutes. */
  restoreMinutes: number[]
  /** Commit to production, in hours; null without a commit time or a deployment. */
  leadTimeHours: number | null
}

/** The four keys over one week or month of the trend charts. Values are null where the bucket had no data. */
export interface TrendPoint {
  from: string
  to: string
  /** The bucket's start: "2026-01-19" (the Monday of a week) or "2026-01" (a month). */
  label: string
  deployments: number
  failures: number
  deploymentsPerDay: number
  leadTimeHours: number | null
  changeFailureRate: number | null
  timeToRestoreMinutes: number | null
  bands: { deploymentFrequency: DoraBand; leadTimeForChanges: DoraBand; changeFailureRate: DoraBand; timeToRestore: DoraBand }
}

export interface HistoryTrends {
  service: string | null
  bucket: HistoryBucket
  window: { from: string; to: string }
  points: TrendPoint[]
}

/** A service's availability objective, with who set it: a service has no timeline, so the row is its audit. */
export interface ServiceSlo {
  service: string
  /** Availability target in percent, e.g. 99.9. */
  targetPercent: number
  /** The rolling window the budget is counted over, in days. */
  windowDays: number
  setBy: Actor
  setAt: string
  /** The target this one replaced, so a lowered objective shows as such. */
  previousTargetPercent: number | null
  reason: string | null
}

/** One measured stretch of availability that counts against the budget. */
export interface BudgetMeasurement {
  releaseId: string
  title: string
  /** 0…1. */
  availability: number
  from: string
  to: string
  /** Minutes of downtime it implies within the SLO window: (1 − availability) × the overlapping minutes. */
  downtimeMinutes: number
}

export interface ErrorBudget {
  service: string
  slo: ServiceSlo | null
  window: { from: string; to: string } | null
  /** (1 − target) × window, in minutes; null without an SLO. */
  budgetMinutes: number | null
  consumedMinutes: number
  remainingMinutes: number | null
  /** consumed ÷ budget, 0…(past 1 when overspent); null without an SLO. */
  consumedRatio: number | null
  /** Minutes of the window that a measurement covers; the rest counts as available. */
  measuredMinutes: number
  /** Availability over the measured minutes (0…1), null when nothing was measured. */
  measuredAvailability: number | null
  measurements: BudgetMeasurement[]
  status: 'no-slo' | 'healthy' | 'low' | 'exhausted'
  explanation: string
}

export type { DoraFigures }
