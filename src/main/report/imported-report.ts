import type { ReleaseReport } from '../../shared/report'
import { signalChart } from './signal-chart'

/**
 * An imported report's charts are drawn again here from its points: SVG text from another war room is never shown
 * as it came, so nothing but our own renderer's output reaches the view.
 */
export function redrawCharts(report: ReleaseReport): ReleaseReport {
  const from = Date.parse(report.healthRange.from)
  const end = Date.parse(report.healthRange.to)
  const range = Number.isFinite(from) ? { from, to: Math.max(Number.isFinite(end) ? end : from + 1, from + 1) } : { from: 0, to: 1 }
  return { ...report, health: report.health.map((h) => ({ ...h, chart: signalChart(h, range) })) }
}
