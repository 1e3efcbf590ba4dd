import type { MetricKey, SignalMetricKey } from '../../shared/report'
import type { ReportSettings } from '../../shared/report-targets'
import { withUnit } from '../../shared/report-format'

export interface SettingsChange {
  targets?: Partial<Record<MetricKey, number>>
  /** null: go back to the best guess. */
  signals?: Partial<Record<SignalMetricKey, string | null>>
  /** null: clear the actual entered by hand. */
  manual?: Partial<Record<SignalMetricKey, number | null>>
}

const UNITS: Record<MetricKey, string> = {
  'deployment-time': 'min',
  'rollback-time': 'min',
  'error-rate': '%',
  'p95-latency': 'ms',
  availability: '%',
  'critical-incidents': ''
}

function apply<K extends string, V>(base: Partial<Record<K, V>>, change: Partial<Record<K, V | null>> | undefined): Partial<Record<K, V>> {
  const out: Partial<Record<K, V>> = { ...base }
  for (const [k, v] of Object.entries(change ?? {}) as [K, V | null | undefined][]) {
    if (v === undefined) continue
    if (v === null) delete out[k]
    else out[k] = v
  }
  return out
}

/** The stored settings with a change laid over them; a null clears a choice or an entered actual. */
export function mergeSettings(before: ReportSettings, change: SettingsChange): ReportSettings {
  return { targets: apply(before.targets, change.targets), signals: apply(before.signals, change.signals), manual: apply(before.manual, change.manual) }
}

/** The change in words for the timeline, or '' when it changes nothing. */
export function describeSettingsChange(change: SettingsChange, signalName: (id: string) => string): string {
  const parts: string[] = []
  for (const [k, v] of Object.entries(change.targets ?? {}) as [MetricKey, number | undefined][]) {
    if (v !== undefined) parts.push(`${k} target ${withUnit(v, UNITS[k])}`)
  }
  for (const [k, v] of Object.entries(change.signals ?? {}) as [MetricKey, string | null | undefined][]) {
    if (v !== undefined) parts.push(v === null ? `${k} reads its best-guess signal` : `${k} reads "${signalName(v)}"`)
  }
  for (const [k, v] of Object.entries(change.manual ?? {}) as [MetricKey, number | null | undefined][]) {
    if (v !== undefined) parts.push(v === null ? `${k} actual entered by hand cleared` : `${k} actual ${withUnit(v, UNITS[k])} entered by hand`)
  }
  return parts.join('; ')
}
