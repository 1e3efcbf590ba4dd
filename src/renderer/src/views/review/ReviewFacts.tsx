import type { ReviewDraft } from '../../../../shared/review'
import { ROLE_LABELS } from '../../../../shared/roles'
import { formatMoment } from '../../releases/window-time'
import { durationText, offsetText } from '../../review/review-shape'

const KIND_LABELS: Record<string, string> = { gate: 'Gate', vote: 'Vote', override: 'Override', incident: 'Incident', rollback: 'Rollback', abort: 'Abort' }
const CATCH_LABELS: Record<string, string> = { blocked: 'Blocked', 'no-go': 'No-go', note: 'Note' }

/** The draft: what the record says happened, before anyone has written a word. */
export function ReviewFacts({ draft }: { draft: ReviewDraft }) {
  return (
    <div className="review-facts" data-testid="review-facts">
      <ul className="review-headlines" data-testid="review-headlines">
        {draft.headlines.map((h) => (
          <li key={h}>{h}</li>
        ))}
      </ul>

      {draft.figures.length > 0 && (
        <table className="review-figures">
          <thead>
            <tr>
              <th>Figure</th>
              <th>Actual</th>
              <th>Target</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {draft.figures.map((f) => (
              <tr key={f.label}>
                <td>{f.label}</td>
                <td className="num">{durationText(f.actualMs)}</td>
                <td className="num">{f.targetMs === null ? '—' : `< ${durationText(f.targetMs)}`}</td>
                <td>
                  <span className={`figure-status figure-${f.status}`}>{f.status.replace('-', ' ')}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>
        Decisions <span className="muted">timed from {draft.reference.label}, {formatMoment(draft.reference.at)}</span>
      </h3>
      {draft.decisions.length === 0 ? (
        <p className="muted">No decision is on the record yet.</p>
      ) : (
        <ol className="review-decisions" data-testid="review-decisions">
          {draft.decisions.map((d, i) => (
            <li key={`${d.at}-${i}`} className={`review-decision review-decision-${d.kind}`}>
              <span className="review-decision-offset">{offsetText(d.sinceStartMs)}</span>
              <span className="review-decision-kind">{KIND_LABELS[d.kind]}</span>
              <span className="review-decision-text">
                {d.text}
                {d.actor && <span className="muted"> · {d.actor.name}, {ROLE_LABELS[d.actor.role]}</span>}
              </span>
            </li>
          ))}
        </ol>
      )}

      <div className="review-columns">
        <div>
          <h3>What the checklist caught</h3>
          {draft.caught.length === 0 ? (
            <p className="muted">Nothing was blocked, voted down or noted.</p>
          ) : (
            <ul className="review-caught" data-testid="review-caught">
              {draft.caught.map((c, i) => (
                <li key={i} className={`caught caught-${c.kind}`}>
                  <span className="caught-kind">{CATCH_LABELS[c.kind]}</span>
                  <div>
                    <strong>{c.title}</strong> <span className="muted">{c.who}</span>
                    {c.detail && <div className="caught-detail">“{c.detail}”</div>}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>Breaches, incidents, rollbacks</h3>
          {draft.breaches.length + draft.incidents.length + draft.rollbacks.length === 0 && <p className="muted">None: no signal breached, no incident, no rollback.</p>}
          <ul className="review-trouble">
            {draft.breaches.map((b, i) => (
              <li key={`b${i}`}>
                <strong>{b.signal}</strong> breached at {formatMoment(b.at)}
                {b.recoveredAt ? `, recovered ${formatMoment(b.recoveredAt)}` : ', not recovered'}
              </li>
            ))}
            {draft.incidents.map((inc) => (
              <li key={inc.id}>
                <strong>
                  {inc.severity} incident: {inc.summary}
                </strong>
                {inc.decision ? ` · ${inc.decision} after ${durationText(inc.timeToDecisionMs)}` : ' · no decision'}
                {inc.resolvedAt ? ' · resolved' : ''}
              </li>
            ))}
            {draft.rollbacks.map((r) => (
              <li key={r.decidedAt}>
                <strong>Rollback</strong> decided {formatMoment(r.decidedAt)} by {r.by.name}: {r.reason} · {durationText(r.elapsedMs)} against {durationText(r.targetMs)}, {r.status.replace('-', ' ')}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  )
}
