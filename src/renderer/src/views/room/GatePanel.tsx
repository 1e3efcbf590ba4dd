import { useState, type FormEvent } from 'react'
import type { Room } from '../../../../shared/room'
import { ROLE_LABELS } from '../../../../shared/roles'
import type { GateId, Verdict } from '../../../../shared/runbook'
import { client, useIdentity } from '../../session/room'
import { useCall } from '../../room/use-call'
import { formatMoment } from '../../releases/window-time'

const VERDICT_TEXT: Record<string, string> = { go: 'GO', 'no-go': 'NO-GO', pending: 'waiting', abstain: 'abstain' }

/** The next gate's approvers and what each has said, and the voting form for the person at this client. */
export function GatePanel({ room }: { room: Room }) {
  const actor = useIdentity((s) => s.actor)
  const open = room.gates.filter((g) => g.position !== 'passed')
  const [chosen, setChosen] = useState<GateId | null>(null)
  const gate = open.find((g) => g.id === chosen) ?? open[0]
  const [verdict, setVerdict] = useState<Verdict>('go')
  const [rationale, setRationale] = useState('')
  const vote = useCall()

  if (!gate) {
    return (
      <section className="card gate-panel">
        <h2>Gates</h2>
        <p className="muted">Every gate of this release has been passed.</p>
      </section>
    )
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!actor || !gate) return
    const ok = await vote.run(() => client.call('decisions.vote', { releaseId: room.release.id, gate: gate.id, verdict, rationale, actor }))
    if (ok) setRationale('')
  }

  return (
    <section className="card gate-panel" data-testid="gate-panel">
      <div className="panel-head">
        <h2>Gate: {gate.title}</h2>
        {open.length > 1 && (
          <select value={gate.id} onChange={(e) => setChosen(e.target.value as GateId)} aria-label="Gate" data-testid="gate-select">
            {open.map((g) => (
              <option key={g.id} value={g.id}>
                {g.title} ({g.position})
              </option>
            ))}
          </select>
        )}
      </div>
      <ul className="approvals">
        {gate.approvals.map((a) => (
          <li key={a.role} className={`approval approval-${a.verdict}`} data-testid="approval" data-role={a.role} data-verdict={a.verdict}>
            <div className="approval-head">
              <span className="approval-role">{ROLE_LABELS[a.role]}</span>
              <span className={`verdict verdict-${a.verdict}`}>{VERDICT_TEXT[a.verdict]}</span>
            </div>
            {a.votes.map((v) => (
              <div key={`${v.name}${v.at}`} className="approval-vote">
                <strong>{v.name}</strong> {VERDICT_TEXT[v.verdict]} · {formatMoment(v.at)}
                <div className="rationale">“{v.rationale}”</div>
              </div>
            ))}
          </li>
        ))}
      </ul>
      {actor && actor.role !== 'observer' && (
        <form className="vote-form" onSubmit={submit} data-testid="vote-form">
          <div className="verdict-choice" role="radiogroup" aria-label="Your verdict">
            {(['go', 'no-go', 'abstain'] as const).map((v) => (
              <button type="button" key={v} role="radio" aria-checked={verdict === v} className={`choice choice-${v} ${verdict === v ? 'chosen' : ''}`} onClick={() => setVerdict(v)} data-testid={`verdict-${v}`}>
                {VERDICT_TEXT[v]}
              </button>
            ))}
          </div>
          <label>
            Why (kept with your vote)
            <textarea rows={2} value={rationale} onChange={(e) => setRationale(e.target.value)} data-testid="vote-rationale" />
          </label>
          {vote.error && (
            <p className="form-error" role="alert" data-testid="vote-error">
              {vote.error}
            </p>
          )}
          <button type="submit" className="primary" disabled={vote.busy} data-testid="vote-submit">
            Vote as {ROLE_LABELS[actor.role]}
          </button>
        </form>
      )}
    </section>
  )
}
