import { z } from 'zod'
import type { Actor } from './roles'
import type { MetricKey, SignalMetricKey } from './report'

/**
 * Per-release settings of the deployment metrics table: each metric's target, which signal a health metric reads its
 * actual from (a best guess from the signals' names and units when none is chosen), and actuals entered by hand.
 */

const minutes = (what: string) =>
  z.number({ error: `${what} must be a number of minutes` }).positive(`${what} must be above 0`).max(10_080, `${what} is longer than a week`)
const percent = (what: string) => z.number({ error: `${what} must be a percentage` }).min(0, `${what} cannot be below 0`).max(100, `${what} cannot be above 100`)

export const reportTargetValuesSchema = z
  .object({
    'deployment-time': minutes('The deployment time target'),
    'rollback-time': minutes('The rollback time target'),
    'error-rate': percent('The error rate target'),
    'p95-latency': z.number({ error: 'The p95 target must be milliseconds' }).positive('The p95 target must be above 0').max(600_000),
    availability: percent('The availability target'),
    'critical-incidents': z.number({ error: 'The critical incidents target must be a count' }).int('The critical incidents target is a whole number').min(0).max(1000)
  })
  .partial()
  .strict()

const signalChoice = z.string().min(1).max(128).nullable()
const manualActual = z.number({ error: 'An actual entered by hand must be a number' }).finite().nullable()

export const reportSignalChoicesSchema = z
  .object({ 'error-rate': signalChoice, 'p95-latency': signalChoice, availability: signalChoice })
  .partial()
  .strict()
export const reportManualActualsSchema = z
  .object({ 'error-rate': manualActual, 'p95-latency': manualActual, availability: manualActual })
  .partial()
  .strict()

/** What is stored for a release; a metric left out takes its default, a health metric without a choice guesses. */
export interface ReportSettings {
  targets: Partial<Record<MetricKey, number>>
  /** Signal ids chosen by a person. */
  signals: Partial<Record<SignalMetricKey, string>>
  /** Actuals entered by hand; they win over any signal. */
  manual: Partial<Record<SignalMetricKey, number>>
}

export interface ReportSettingsView extends ReportSettings {
  /** Every target as the table uses it, defaults filled in. */
  effective: Record<MetricKey, number>
  updatedBy: Actor | null
  updatedAt: string | null
}

export const EMPTY_REPORT_SETTINGS: ReportSettings = { targets: {}, signals: {}, manual: {} }

/** The playbook's "Deployment Metrics" table. Deployment and rollback time default to the release's rollout targets. */
export const DEFAULT_METRIC_TARGETS: Record<MetricKey, number> = {
  'deployment-time': 30,
  'rollback-time': 15,
  'error-rate': 0.1,
  'p95-latency': 200,
  availability: 99.9,
  'critical-incidents': 0
}
