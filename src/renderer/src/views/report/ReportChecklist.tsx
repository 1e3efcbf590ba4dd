import type { ReleaseReport } from '../../../../shared/report'
import { formatTime } from '../../../../shared/report-format'
import { verdictTone } from '../../report/report-lines'
import { Section, Tag, Who, roleLabel } from './report-bits'

export function ReportChecklist({ report }: { report: ReleaseReport }) {
  return (
    <Section id="checklist" title="Checklist">
      <table className="report-table">
        <thead>
          <tr>
            <th>Phase</th>
            <th>Item</th>
            <th>Owner</th>
            <th>Status</th>
            <th>Who, when</th>
            <th>Evidence and notes</th>
          </tr>
        </thead>
        <tbody>
          {report.checklist.map((i, n) => (
            <tr key={n}>
              <td className="muted">{i.phaseLabel}</td>
              <td>
                {i.title}
                {!i.required && <span className="muted"> (optional)</span>}
              </td>
              <td>{roleLabel(i.ownerRole)}</td>
              <td>
                <Tag tone={i.status === 'open' ? 'muted' : i.status === 'blocked' ? 'bad' : verdictTone(i.status)}>{i.status}</Tag>
              </td>
              <td>
                {i.by ? (
                  <>
                    <Who actor={i.by} />
                    <br />
                    <span className="muted">{formatTime(i.at)}</span>
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="report-wrap">
                {i.evidence && <div>Evidence: {i.evidence}</div>}
                {i.note && <div>Note: {i.note}</div>}
                {!i.evidence && !i.note && <span className="muted">—</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  )
}
