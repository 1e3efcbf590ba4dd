import type { ReleaseReport } from '../../../../shared/report'
import { formatTime } from '../../../../shared/report-format'
import { OUTCOME_LABELS, type DecisionOutcome } from '../../../../shared/rollout'
import { Empty, Section, Tag, Who } from './report-bits'

const SOURCES: Record<string, string> = { person: 'reported by a person', gate: 'a failed step gate', signal: 'a sustained signal breach' }

/** Each incident with the path its owner walked through the decision tree, and how it ended. */
export function ReportIncidents({ report }: { report: ReleaseReport }) {
  return (
    <Section id="incidents" title="Incidents">
      {report.incidents.length === 0 && <Empty>No incidents were opened.</Empty>}
      {report.incidents.map((i, n) => (
        <article key={n} className="report-incident">
          <h3>
            <Tag tone={i.severity === 'critical' || i.severity === 'high' ? 'bad' : 'warn'}>{i.severity}</Tag> {i.summary}
          </h3>
          <p className="muted">
            Detected {formatTime(i.detectedAt)}: {SOURCES[i.source] ?? i.source}
            {i.step && <> on step “{i.step}”</>}
            {i.openedBy && (
              <>
                , opened by <Who actor={i.openedBy} />
              </>
            )}
          </p>
          {i.path.length === 0 ? (
            <p className="muted">The decision tree was not walked.</p>
          ) : (
            <ol className="report-path">
              {i.path.map((p, k) => (
                <li key={k}>
                  {p.question} <strong>{p.answer}</strong> — <Who actor={p.by} />, {formatTime(p.at)}
                  <div className="report-quote">“{p.rationale}”</div>
                </li>
              ))}
            </ol>
          )}
          <p>
            Outcome: <strong>{i.outcome ? (OUTCOME_LABELS[i.outcome as DecisionOutcome] ?? i.outcome) : 'undecided'}</strong>
            {i.decidedAt && <span className="muted"> (decided {formatTime(i.decidedAt)})</span>}
            {' · '}
            {i.resolvedAt ? (
              <>
                resolved {formatTime(i.resolvedAt)} by <Who actor={i.resolvedBy} />
                {i.resolution && <>: {i.resolution}</>}
              </>
            ) : (
              'still open'
            )}
          </p>
        </article>
      ))}
    </Section>
  )
}
