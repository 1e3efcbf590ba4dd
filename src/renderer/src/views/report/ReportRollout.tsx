import type { ReleaseReport, ReportVerdict } from '../../../../shared/report'
import { formatDuration, formatTime, formatValue } from '../../../../shared/report-format'
import { verdictTone } from '../../report/report-lines'
import { Empty, Section, Tag, Who, roleLabel } from './report-bits'

function Verdict({ verdict, label }: { verdict: ReportVerdict | null; label?: string }) {
  if (!verdict) return <span className="muted">—</span>
  const values = Object.entries(verdict.values)
  return (
    <div>
      {label && <span className="muted">{label} </span>}
      <Tag tone={verdictTone(verdict.result)}>{verdict.result}</Tag>{' '}
      {verdict.by === 'signals' ? 'from the signals' : verdict.by === 'override' ? 'by override of ' : 'by '}
      {verdict.by !== 'signals' && <Who actor={verdict.actor} />}
      <span className="muted"> · {formatTime(verdict.at)}</span>
      {verdict.rationale && <div className="report-quote">“{verdict.rationale}”</div>}
      {values.length > 0 && <div className="muted">Readings: {values.map(([k, v]) => `${k} ${formatValue(v)}`).join(', ')}</div>}
    </div>
  )
}

export function ReportRollout({ report }: { report: ReleaseReport }) {
  const r = report.rollout
  return (
    <Section id="rollout" title="Rollout">
      <p>
        Status <Tag tone={r.status === 'completed' ? 'ok' : r.status === 'rolled-back' || r.status === 'aborted' ? 'bad' : 'muted'}>{r.status}</Tag>
        {r.startedAt && (
          <>
            {' '}
            · started {formatTime(r.startedAt)} by <Who actor={r.startedBy} />
          </>
        )}
        {r.endedAt && <> · ended {formatTime(r.endedAt)}</>}
        {r.endedReason && <> · {r.endedReason}</>}
      </p>
      {r.steps.length === 0 ? (
        <Empty>No steps.</Empty>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th>Step</th>
              <th>Traffic</th>
              <th>State</th>
              <th>Started</th>
              <th>Finished</th>
              <th>Took</th>
              <th>Gate verdict</th>
            </tr>
          </thead>
          <tbody>
            {r.steps.map((s, n) => (
              <tr key={n}>
                <td>{s.label}</td>
                <td>{s.trafficPercent === null ? '—' : `${formatValue(s.trafficPercent)} %`}</td>
                <td>
                  <Tag tone={verdictTone(s.state)}>{s.state}</Tag>
                </td>
                <td>{formatTime(s.startedAt)}</td>
                <td>{formatTime(s.finishedAt)}</td>
                <td>{formatDuration(s.durationMs)}</td>
                <td className="report-wrap">
                  <Verdict verdict={s.verdict} />
                  {s.overridden && <Verdict verdict={s.overridden} label="overrode:" />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r.rollback && (
        <div className="report-rollback">
          <h3>Rollback</h3>
          <p>
            Decided {formatTime(r.rollback.decidedAt)} by <Who actor={r.rollback.decidedBy} />: {r.rollback.reason}. Finished {formatTime(r.rollback.finishedAt)} (target{' '}
            {r.rollback.targetMinutes} min).
          </p>
          <ol>
            {r.rollback.steps.map((s, n) => (
              <li key={n}>
                {s.title} <span className="muted">({roleLabel(s.ownerRole)})</span> — {s.doneAt ? <>done {formatTime(s.doneAt)} by <Who actor={s.doneBy} /></> : 'not done'}
                {s.note && <span className="muted"> · {s.note}</span>}
              </li>
            ))}
          </ol>
        </div>
      )}
    </Section>
  )
}
