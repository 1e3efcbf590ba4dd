import { useState, type FormEvent } from 'react'
import type { Room } from '../../../../shared/room'
import { SEVERITIES, type Severity } from '../../../../shared/rollout'
import { client, useIdentity } from '../../session/room'
import { useCall } from '../../room/use-call'
import { useNow } from '../../room/use-now'
import { deadlineCountdown, figureText, openIncidents, outcomeText, ownsIncident, SEVERITY_TEXT } from '../../rollout/incidents'
import { DecisionDialog } from './DecisionDialog'
import '../../rollout.css'

/** The header's rollout strip: deployment figures, every open incident with its deadline, and raising a new one. */
export function IncidentBanner({ room }: { room: Room }) {
  const actor = useIdentity((s) => s.actor)
  const now = useNow()
  const [walking, setWalking] = useState<string | null>(null)
  const [raising, setRaising] = useState(false)
  const open = openIncidents(room.incidents)
  const shown = room.incidents.find((i) => i.id === walking)
  const owner = ownsIncident(room.release, actor)
  const { figures } = room
  const deployment = figureText(figures.deployment, now)
  const rollback = figureText(figures.rollback, now)
  const lastDecision = figures.decisions[figures.decisions.length - 1]
  const decision = lastDecision ? figureText(lastDecision.figure, now) : null
  const started = figures.deployment.startedAt !== null || open.length > 0

  return (
    <div className="incident-strip">
      {started && (
        <dl className="figures" data-testid="figures">
          <div className={`figure tone-${deployment.tone}`} data-testid="figure-deployment">
            <dt>Deployment</dt>
            <dd>
              {deployment.value}
              {deployment.target && <span className="muted"> / {deployment.target}</span>}
            </dd>
          </div>
          <div className={`figure tone-${rollback.tone}`} data-testid="figure-rollback">
            <dt>Rollback</dt>
            <dd>
              {rollback.value}
              {rollback.target && <span className="muted"> / {rollback.target}</span>}
            </dd>
          </div>
          {decision && (
            <div className={`figure tone-${decision.tone}`} data-testid="figure-decision">
              <dt>Time to decision</dt>
              <dd>
                {decision.value}
                {decision.target && <span className="muted"> / {decision.target}</span>}
              </dd>
            </div>
          )}
        </dl>
      )}
      {open.map((i) => {
        const d = deadlineCountdown(i, now)
        const outcome = outcomeText(i)
        return (
          <div key={i.id} className={`incident-banner incident-${i.severity} deadline-${d.tone}`} role="alert" data-testid="incident-banner" data-severity={i.severity} data-outcome={i.outcome ?? ''}>
            <span className={`severity severity-${i.severity}`}>{SEVERITY_TEXT[i.severity]}</span>
            <div className="incident-text">
              <div className="incident-summary">{i.summary}</div>
              <div className="muted">
                {i.source === 'gate' ? 'Opened by a failed gate' : i.source === 'signal' ? 'Opened by a sustained signal breach' : `Opened by ${i.openedBy?.name ?? 'someone'}`}
                {outcome && ` · Decision: ${outcome}`}
              </div>
            </div>
            <span className={`deadline deadline-${d.tone}`} data-testid="incident-countdown">
              {d.text}
            </span>
            <button className={owner && !i.outcome ? 'primary' : ''} onClick={() => setWalking(i.id)} data-testid="incident-walk">
              {owner && !i.outcome ? 'Decide' : 'Decision'}
            </button>
          </div>
        )
      })}
      {actor && room.release.status !== 'rolled-back' && room.release.status !== 'aborted' && room.release.status !== 'closed' && (
        <div className="raise">
          {raising ? (
            <RaiseIncident releaseId={room.release.id} onDone={() => setRaising(false)} />
          ) : (
            <button className="ghost" onClick={() => setRaising(true)} data-testid="incident-raise">
              Raise an incident
            </button>
          )}
        </div>
      )}
      {shown && <DecisionDialog room={room} incident={shown} onClose={() => setWalking(null)} />}
    </div>
  )
}

function RaiseIncident({ releaseId, onDone }: { releaseId: string; onDone(): void }) {
  const actor = useIdentity((s) => s.actor)
  const [severity, setSeverity] = useState<Severity>('high')
  const [summary, setSummary] = useState('')
  const call = useCall()
  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!actor) return
    const ok = await call.run(() => client.call('incidents.open', { releaseId, severity, summary, actor }))
    if (ok) onDone()
  }
  return (
    <form className="raise-form" onSubmit={submit} data-testid="incident-form">
      <select value={severity} onChange={(e) => setSeverity(e.target.value as Severity)} aria-label="Severity" data-testid="incident-severity">
        {SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {SEVERITY_TEXT[s]}
          </option>
        ))}
      </select>
      <input value={summary} onChange={(e) => setSummary(e.target.value)} placeholder="What is wrong, in one line" aria-label="Summary" autoFocus data-testid="incident-summary" />
      <button type="submit" className="danger" disabled={call.busy} data-testid="incident-submit">
        Open incident
      </button>
      <button type="button" className="ghost" onClick={onDone}>
        Cancel
      </button>
      {call.error && (
        <p className="form-error" role="alert">
          {call.error}
        </p>
      )}
    </form>
  )
}
