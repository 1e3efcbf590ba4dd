import { useState } from 'react'
import type { Room } from '../../../../shared/room'
import type { IncidentView } from '../../../../shared/room-rollout'
import { OUTCOME_LABELS } from '../../../../shared/rollout'
import { client, useIdentity } from '../../session/room'
import { useCall } from '../../room/use-call'
import { useNow } from '../../room/use-now'
import { deadlineCountdown, decisionPath, ownsIncident, SEVERITY_TEXT } from '../../rollout/incidents'
import '../../rollout.css'

const time = (ms: number) => new Date(ms).toLocaleTimeString(undefined, { hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit' })

/** The rollback decision tree, walked by the incident's owner one question at a time, each answer with its reason. */
export function DecisionDialog({ room, incident, onClose }: { room: Room; incident: IncidentView; onClose(): void }) {
  const actor = useIdentity((s) => s.actor)
  const now = useNow()
  const [rationale, setRationale] = useState('')
  const answer = useCall()
  const tree = room.rollout.template.decisionTree
  const path = decisionPath(tree, incident)
  const deadline = deadlineCountdown(incident, now)
  const owner = ownsIncident(room.release, actor)
  const pos = incident.position

  async function give(a: 'yes' | 'no') {
    if (!actor || pos.kind !== 'question') return
    const ok = await answer.run(() =>
      client.call('incidents.answer', { releaseId: room.release.id, incidentId: incident.id, nodeId: pos.nodeId, answer: a, rationale, actor })
    )
    if (ok) setRationale('')
  }

  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="card dialog decision-dialog" role="dialog" aria-modal="true" aria-labelledby="decision-title" data-testid="decision-dialog">
        <div className="decision-head">
          <span className={`severity severity-${incident.severity}`}>{SEVERITY_TEXT[incident.severity]}</span>
          <span className={`deadline deadline-${deadline.tone}`} data-testid="decision-deadline">
            {deadline.text}
          </span>
        </div>
        <h2 id="decision-title">Rollback decision</h2>
        <p className="decision-summary">{incident.summary}</p>

        {path.length > 0 && (
          <ol className="decision-path" aria-label="Answers so far" data-testid="decision-path">
            {path.map((p, i) => (
              <li key={i} data-testid="decision-path-step">
                <div>
                  <span className="path-question">{p.question}</span> <span className={`path-answer answer-${p.answer}`}>{p.answer.toUpperCase()}</span>
                </div>
                <div className="muted">
                  {p.by} at {time(p.at)}: “{p.rationale}”
                </div>
              </li>
            ))}
          </ol>
        )}

        {pos.kind === 'question' ? (
          <div className="decision-question" data-testid="decision-question" data-node-id={pos.nodeId}>
            <div className="question-text">{pos.text}</div>
            {pos.hint && <div className="muted question-hint">{pos.hint}</div>}
            {owner ? (
              <>
                <label>
                  Why (recorded with your answer)
                  <textarea rows={2} value={rationale} onChange={(e) => setRationale(e.target.value)} autoFocus data-testid="decision-rationale" />
                </label>
                <div className="decision-answers">
                  <button className="answer-yes" disabled={answer.busy} onClick={() => give('yes')} data-testid="decision-yes">
                    Yes
                  </button>
                  <button className="answer-no" disabled={answer.busy} onClick={() => give('no')} data-testid="decision-no">
                    No
                  </button>
                </div>
              </>
            ) : (
              <p className="muted">The incident’s owner answers: the accountable owner ({room.release.owner}) or the DevOps lead.</p>
            )}
          </div>
        ) : (
          <div className={`decision-outcome outcome-${pos.outcome}`} data-testid="decision-outcome" data-outcome={pos.outcome}>
            <div className="outcome-label">{OUTCOME_LABELS[pos.outcome]}</div>
            <div>{pos.text}</div>
            {pos.outcome !== 'fix-in-place' && room.rollback && <div className="muted">The rollback procedure has started; its clock is running.</div>}
          </div>
        )}
        {answer.error && (
          <p className="form-error" role="alert" data-testid="decision-error">
            {answer.error}
          </p>
        )}
        <div className="form-actions">
          <button className="ghost" onClick={onClose} data-testid="decision-close">
            Close
          </button>
        </div>
      </div>
    </div>
  )
}
