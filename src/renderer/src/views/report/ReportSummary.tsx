import type { ReleaseReport } from '../../../../shared/report'
import { formatDuration, formatTime } from '../../../../shared/report-format'
import { Section, Tag, Who } from './report-bits'

function span(from: string | null, to: string | null): string {
  return from && to ? formatDuration(Date.parse(to) - Date.parse(from)) : '—'
}

export function ReportSummary({ report }: { report: ReleaseReport }) {
  const s = report.summary
  const w = report.window
  const ended = s.status === 'closed' ? 'ok' : s.status === 'rolled-back' || s.status === 'aborted' ? 'bad' : 'warn'
  return (
    <>
      <Section id="summary" title="Summary">
        <dl className="report-facts">
          <dt>Service</dt>
          <dd>{s.service}</dd>
          <dt>Version</dt>
          <dd>{s.version}</dd>
          <dt>Environment</dt>
          <dd>{s.environment}</dd>
          <dt>Strategy</dt>
          <dd>{s.strategy}</dd>
          <dt>Accountable owner</dt>
          <dd>{s.owner}</dd>
          <dt>Final status</dt>
          <dd>
            <Tag tone={ended}>{s.status}</Tag>
          </dd>
          {s.endedReason && (
            <>
              <dt>Ended because</dt>
              <dd>{s.endedReason}</dd>
            </>
          )}
          <dt>Created</dt>
          <dd>
            {formatTime(s.createdAt)} by <Who actor={s.createdBy} />
          </dd>
        </dl>
      </Section>
      <Section id="window" title="Deployment window">
        <table className="report-table">
          <thead>
            <tr>
              <th />
              <th>Start</th>
              <th>End</th>
              <th>Length</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Planned</th>
              <td>{formatTime(w.plannedStart)}</td>
              <td>{formatTime(w.plannedEnd)}</td>
              <td>{span(w.plannedStart, w.plannedEnd)}</td>
            </tr>
            <tr>
              <th scope="row">Actual (production)</th>
              <td>{formatTime(w.actualStart)}</td>
              <td>{w.actualEnd ? `${formatTime(w.actualEnd)} (${w.endedAs ?? 'ended'})` : w.actualStart ? 'still in production' : '—'}</td>
              <td>{span(w.actualStart, w.actualEnd)}</td>
            </tr>
          </tbody>
        </table>
      </Section>
    </>
  )
}
