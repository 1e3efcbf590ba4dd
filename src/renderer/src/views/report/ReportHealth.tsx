import type { ReleaseReport } from '../../../../shared/report'
import { formatTime, withUnit } from '../../../../shared/report-format'
import { chartSrc } from '../../report/report-lines'
import { Empty, Section } from './report-bits'

/** Each signal's summary and its chart: the same SVG the Markdown embeds and the PDF prints. */
export function ReportHealth({ report }: { report: ReleaseReport }) {
  return (
    <Section id="health" title="Health">
      {report.health.length === 0 ? (
        <Empty>This release watched no signals.</Empty>
      ) : (
        <>
          <p className="muted">
            Readings from {formatTime(report.healthRange.from)} to {formatTime(report.healthRange.to)}. The deployment metrics read the production window only.
          </p>
          <table className="report-table">
            <thead>
              <tr>
                <th>Signal</th>
                <th>Min</th>
                <th>Max</th>
                <th>Mean</th>
                <th>Last</th>
                <th>Readings</th>
                <th>Sustained breaches</th>
              </tr>
            </thead>
            <tbody>
              {report.health.map((h) => (
                <tr key={h.name}>
                  <td>
                    {h.name}
                    {h.role && <span className="muted"> ({h.role})</span>}
                  </td>
                  <td>{withUnit(h.min, h.unit)}</td>
                  <td>{withUnit(h.max, h.unit)}</td>
                  <td>{withUnit(h.mean, h.unit)}</td>
                  <td>{withUnit(h.last, h.unit)}</td>
                  <td>{h.count}</td>
                  <td className={h.breaches > 0 ? 'tone-text-bad' : undefined}>{h.breaches}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="report-charts">
            {report.health.map((h) => (
              <figure key={h.name} className="report-chart">
                <img src={chartSrc(h.chart)} alt={`${h.name} chart`} width={640} height={220} data-testid="report-chart" />
              </figure>
            ))}
          </div>
        </>
      )}
    </Section>
  )
}
