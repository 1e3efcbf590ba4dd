import type { DeploymentFigures, Figure } from '../../shared/rollout'
import type { MetricKey, ReportMetric, SignalMetricKey } from '../../shared/report'
import type { ReportSettings } from '../../shared/report-targets'
import { guessSignal, type GuessableSignal } from './metric-signal-guess'

export interface MetricSignal extends GuessableSignal {
  /** The mean over the actual window, and how many readings it holds. */
  windowMean: number | null
  windowCount: number
}

export interface MetricsInput {
  figures: DeploymentFigures
  targets: Record<MetricKey, number>
  settings: ReportSettings
  signals: readonly MetricSignal[]
  incidents: readonly { severity: string }[]
  /** Whether the release reached production: a health actual is measured over the production window only. */
  windowStarted: boolean
}

type Definition = Pick<ReportMetric, 'key' | 'label' | 'meaning' | 'comparison' | 'unit'>

/** The playbook's "Deployment Metrics: Track Your Success" table, row for row. */
const DEFINITIONS: Definition[] = [
  { key: 'deployment-time', label: 'Deployment time', meaning: 'How long deployments take', comparison: 'below', unit: 'min' },
  { key: 'rollback-time', label: 'Rollback time', meaning: 'How fast you can undo', comparison: 'below', unit: 'min' },
  { key: 'error-rate', label: 'Error rate', meaning: 'Percentage of failed requests', comparison: 'below', unit: '%' },
  { key: 'p95-latency', label: 'Response time (p95)', meaning: '95th percentile response time', comparison: 'below', unit: 'ms' },
  { key: 'availability', label: 'Availability', meaning: 'Uptime percentage', comparison: 'above', unit: '%' },
  { key: 'critical-incidents', label: 'Critical incidents', meaning: 'Production incidents post-deployment', comparison: 'at-most', unit: '' }
]

export function meetsTarget(comparison: ReportMetric['comparison'], actual: number, target: number): boolean {
  if (comparison === 'below') return actual < target
  if (comparison === 'above') return actual > target
  return actual <= target
}

function fromFigure(figure: Figure, none: string): Pick<ReportMetric, 'actual' | 'source'> & { running: boolean } {
  const minutes = figure.elapsedMs === null ? null : figure.elapsedMs / 60_000
  if (figure.status === 'not-started') return { actual: null, source: none, running: false }
  if (figure.status === 'in-progress') return { actual: minutes, source: 'still running: time so far', running: true }
  if (figure.status === 'stopped') return { actual: null, source: 'stopped before its last step (aborted or rolled back)', running: false }
  return { actual: minutes, source: 'measured by the war room', running: false }
}

function fromSignal(key: SignalMetricKey, input: MetricsInput): Pick<ReportMetric, 'actual' | 'source' | 'actualUnit'> {
  const manual = input.settings.manual[key]
  if (manual !== undefined) return { actual: manual, source: 'entered by hand', actualUnit: DEFINITIONS.find((d) => d.key === key)?.unit ?? '' }
  const chosen = input.settings.signals[key]
  const signal = chosen ? input.signals.find((s) => s.id === chosen) : input.signals.find((s) => s.id === guessSignal(key, input.signals)?.id)
  if (!signal) return { actual: null, source: chosen ? 'the chosen signal was removed' : 'no signal of this release measures it', actualUnit: '' }
  const how = chosen ? '' : ' (best guess)'
  if (!input.windowStarted) return { actual: null, source: `${signal.name}${how}: the release has not reached production`, actualUnit: signal.unit }
  if (signal.windowCount === 0) return { actual: null, source: `${signal.name}${how}: no readings in the window`, actualUnit: signal.unit }
  return { actual: signal.windowMean, source: `mean of ${signal.name}${how} over the window`, actualUnit: signal.unit }
}

/** Each metric's target against its actual, with where the actual came from. */
export function deploymentMetrics(input: MetricsInput): ReportMetric[] {
  return DEFINITIONS.map((d) => {
    const target = input.targets[d.key]
    let actual: number | null
    let source: string
    let actualUnit = d.unit
    let running = false
    if (d.key === 'deployment-time') ({ actual, source, running } = fromFigure(input.figures.deployment, 'the rollout has not started'))
    else if (d.key === 'rollback-time') ({ actual, source, running } = fromFigure(input.figures.rollback, 'no rollback in this release'))
    else if (d.key === 'critical-incidents') {
      actual = input.incidents.filter((i) => i.severity === 'critical').length
      source = `${input.incidents.length} incident${input.incidents.length === 1 ? '' : 's'} in all`
    } else ({ actual, source, actualUnit } = fromSignal(d.key, input))
    const status: ReportMetric['status'] =
      actual === null ? 'not measured' : running ? 'in progress' : meetsTarget(d.comparison, actual, target) ? 'met' : 'missed'
    return { ...d, target, actual, actualUnit, source, status }
  })
}
