import type { Sample } from '../../shared/signal'
import { lineChartSvg } from './svg-line-chart'

export interface ChartedSignal {
  name: string
  unit: string
  warn: number | null
  critical: number | null
  points: readonly Sample[]
}

/** One signal's chart over the report's time axis, with its warn and critical lines. */
export function signalChart(s: ChartedSignal, range: { from: number; to: number }): string {
  return lineChartSvg({
    title: s.name,
    unit: s.unit,
    points: s.points,
    from: range.from,
    to: range.to,
    thresholds: [
      ...(s.warn === null ? [] : [{ label: 'warn', value: s.warn, kind: 'warn' as const }]),
      ...(s.critical === null ? [] : [{ label: 'critical', value: s.critical, kind: 'critical' as const }])
    ]
  })
}
