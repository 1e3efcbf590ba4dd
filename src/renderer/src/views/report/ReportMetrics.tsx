import type { ReleaseReport, ReportMetric } from '../../../../shared/report'
import { withUnit } from '../../../../shared/report-format'
import { metricTone } from '../../report/report-lines'
import { Section, Tag } from './report-bits'

export function comparisonText(m: Pick<ReportMetric, 'comparison' | 'target' | 'unit'>): string {
  const value = withUnit(m.target, m.unit)
  if (m.comparison === 'at-most') return m.target === 0 ? '0' : `≤ ${value}`
  return `${m.comparison === 'below' ? '<' : '>'} ${value}`
}

/** The playbook's deployment metrics table, target against actual; `editor` adds the targets form on live reports. */
export function ReportMetrics({ report, editor }: { report: ReleaseReport; editor?: React.ReactNode }) {
  return (
    <Section id="metrics" title="Deployment metrics">
      <table className="report-table" data-testid="metrics-table">
        <thead>
          <tr>
            <th>Metric</th>
            <th>What it tells you</th>
            <th>Target</th>
            <th>Actual</th>
            <th>Result</th>
            <th>Source</th>
          </tr>
        </thead>
        <tbody>
          {report.metrics.map((m) => (
            <tr key={m.key} data-metric={m.key} data-status={m.status}>
              <td>{m.label}</td>
              <td className="muted">{m.meaning}</td>
              <td className="report-num">{comparisonText(m)}</td>
              <td className="report-num">{withUnit(m.actual, m.actualUnit)}</td>
              <td>
                <Tag tone={metricTone(m.status)}>{m.status}</Tag>
              </td>
              <td className="muted report-small">{m.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {editor}
    </Section>
  )
}
