import type { ReleaseReport } from '../../../../shared/report'
import { formatTime, withUnit } from '../../../../shared/report-format'
import { verdictTone } from '../../report/report-lines'
import { Empty, Section, Tag, Who, roleLabel } from './report-bits'

/** Every vote, superseded ones too, each with the gate as its voter saw it. */
export function ReportVotes({ report }: { report: ReleaseReport }) {
  return (
    <Section id="votes" title="Votes">
      {report.votes.length === 0 ? (
        <Empty>No votes were cast.</Empty>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th>Gate</th>
              <th>Vote</th>
              <th>Who, when</th>
              <th>Rationale</th>
              <th>The gate as the voter saw it</th>
            </tr>
          </thead>
          <tbody>
            {report.votes.map((v, n) => (
              <tr key={n} className={v.superseded ? 'report-superseded' : undefined}>
                <td>{v.gate}</td>
                <td>
                  <Tag tone={verdictTone(v.verdict)}>{v.verdict}</Tag>
                  {v.superseded && <div className="muted">superseded</div>}
                </td>
                <td>
                  <Who actor={v.by} />
                  <br />
                  <span className="muted">{formatTime(v.at)}</span>
                </td>
                <td className="report-wrap">{v.rationale}</td>
                <td className="report-wrap report-small">
                  <div>
                    Stage {v.snapshot.stage}; criteria {v.snapshot.satisfied ? 'met' : 'not met'}
                  </div>
                  <div>Approvals: {v.snapshot.approvals.map((a) => `${roleLabel(a.role)} ${a.verdict}`).join(', ') || '—'}</div>
                  <div>Open items: {v.snapshot.openItems.length === 0 ? 'none' : v.snapshot.openItems.map((i) => i.title).join('; ')}</div>
                  {v.snapshot.health.length > 0 && <div>Health: {v.snapshot.health.map((h) => `${h.name} ${withUnit(h.value, h.unit)} (${h.state})`).join('; ')}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  )
}
