import type { Input } from '../../../shared/api'
import type { ReportMetric, SignalMetricKey } from '../../../shared/report'
import { SIGNAL_METRICS, METRIC_KEYS, type MetricKey } from '../../../shared/report'
import type { ReportSettingsView } from '../../../shared/report-targets'

/** The chart's SVG as an image source. URI-encoded rather than base64, so any signal name survives without btoa. */
export function chartSrc(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
}

export type Tone = 'ok' | 'bad' | 'warn' | 'muted'

export function metricTone(status: ReportMetric['status']): Tone {
  return status === 'met' ? 'ok' : status === 'missed' ? 'bad' : status === 'in progress' ? 'warn' : 'muted'
}

export function verdictTone(verdict: string): Tone {
  return verdict === 'go' || verdict === 'pass' || verdict === 'done' || verdict === 'passed' ? 'ok' : verdict === 'no-go' || verdict === 'fail' || verdict === 'failed' ? 'bad' : 'muted'
}

/** What the targets form edits, as text so a half-typed number stays in the field. */
export interface TargetsDraft {
  targets: Record<MetricKey, string>
  /** '' for the best guess, else a signal id. */
  signals: Record<SignalMetricKey, string>
  /** '' for none. */
  manual: Record<SignalMetricKey, string>
}

export function targetsDraft(settings: ReportSettingsView): TargetsDraft {
  const of = <K extends string>(keys: readonly K[], value: (k: K) => string) => Object.fromEntries(keys.map((k) => [k, value(k)])) as Record<K, string>
  return {
    targets: of(METRIC_KEYS, (k) => String(settings.effective[k])),
    signals: of(SIGNAL_METRICS, (k) => settings.signals[k] ?? ''),
    manual: of(SIGNAL_METRICS, (k) => (settings.manual[k] === undefined ? '' : String(settings.manual[k])))
  }
}

export type TargetsChange = Omit<Input<'reports.targets.set'>, 'releaseId' | 'actor'>

/**
 * Only what the person changed, so saving one target does not pin every other one at today's default. A field that
 * is not a number is named back; nothing is sent then.
 */
export function targetsChange(draft: TargetsDraft, settings: ReportSettingsView): { change: TargetsChange; invalid: string[] } {
  const invalid: string[] = []
  const num = (text: string, what: string): number | undefined => {
    const n = Number(text.trim())
    if (text.trim() === '' || !Number.isFinite(n)) invalid.push(what)
    return Number.isFinite(n) ? n : undefined
  }
  const targets: Partial<Record<MetricKey, number>> = {}
  for (const k of METRIC_KEYS) {
    const n = num(draft.targets[k], `${k} target`)
    if (n !== undefined && n !== settings.effective[k]) targets[k] = n
  }
  const signals: Partial<Record<SignalMetricKey, string | null>> = {}
  const manual: Partial<Record<SignalMetricKey, number | null>> = {}
  for (const k of SIGNAL_METRICS) {
    const chosen = draft.signals[k] || null
    if (chosen !== (settings.signals[k] ?? null)) signals[k] = chosen
    const text = draft.manual[k].trim()
    const value = text === '' ? null : num(text, `${k} actual`)
    if (value !== undefined && value !== (settings.manual[k] ?? null)) manual[k] = value
  }
  const change: TargetsChange = {}
  if (Object.keys(targets).length) change.targets = targets
  if (Object.keys(signals).length) change.signals = signals
  if (Object.keys(manual).length) change.manual = manual
  return { change, invalid }
}
