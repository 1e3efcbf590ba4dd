import { useState, type FormEvent } from 'react'
import type { Room } from '../../../../shared/room'
import type { ReleaseNotesText } from '../../../../shared/closure'
import { ROLE_LABELS } from '../../../../shared/roles'
import { client, useIdentity } from '../../session/room'
import { useCall } from '../../room/use-call'
import { formatMoment } from '../../releases/window-time'
import { useOutcomeLinks } from '../../review/use-outcome-links'
import { OutcomeSignalLink } from '../review/OutcomeSignalLink'

const SECTIONS: { key: keyof ReleaseNotesText; label: string; hint: string }[] = [
  { key: 'whatsNew', label: "What's new", hint: 'What users can do now, in their words' },
  { key: 'fixes', label: 'Fixes', hint: 'What was broken and now works' },
  { key: 'knownIssues', label: 'Known issues', hint: 'What is not perfect yet; openness builds trust' },
  { key: 'upgrade', label: 'Upgrade instructions', hint: 'What users must do, if anything' }
]

/** Release notes, edited in the room, and the outcome of each success criterion once the release is live. */
export function ClosurePanel({ room }: { room: Room }) {
  const actor = useIdentity((s) => s.actor)
  const [draft, setDraft] = useState<ReleaseNotesText | null>(null)
  const notes = draft ?? room.releaseNotes
  const save = useCall()

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!actor || !draft) return
    const ok = await save.run(() => client.call('releases.notes.set', { releaseId: room.release.id, notes: draft, actor }))
    if (ok) setDraft(null)
  }

  return (
    <section className="card closure" data-testid="closure-panel">
      <div className="closure-grid">
        <form onSubmit={submit} className="notes-form">
          <div className="panel-head">
            <h2>Release notes</h2>
            {room.releaseNotes.updatedBy && (
              <span className="muted">
                last edited by {room.releaseNotes.updatedBy.name} · {formatMoment(room.releaseNotes.updatedAt)}
              </span>
            )}
          </div>
          {SECTIONS.map((s) => (
            <label key={s.key}>
              {s.label}
              <textarea
                rows={2}
                value={notes[s.key]}
                placeholder={s.hint}
                onChange={(e) => setDraft({ whatsNew: notes.whatsNew, fixes: notes.fixes, knownIssues: notes.knownIssues, upgrade: notes.upgrade, [s.key]: e.target.value })}
                data-testid={`notes-${s.key}`}
              />
            </label>
          ))}
          {save.error && (
            <p className="form-error" role="alert">
              {save.error}
            </p>
          )}
          {draft && (
            <div className="form-actions">
              <button type="button" className="ghost" onClick={() => setDraft(null)}>
                Discard
              </button>
              <button type="submit" className="primary" disabled={save.busy} data-testid="notes-save">
                Save notes
              </button>
            </div>
          )}
        </form>
        <Outcomes room={room} />
      </div>
    </section>
  )
}

function Outcomes({ room }: { room: Room }) {
  const actor = useIdentity((s) => s.actor)
  const [measured, setMeasured] = useState<Record<number, string>>({})
  const record = useCall()
  const links = useOutcomeLinks(room)
  if (room.outcomes.length === 0) {
    return (
      <div>
        <h2>Outcomes</h2>
        <p className="muted">No success criteria were set for this release.</p>
      </div>
    )
  }
  const mark = (criterion: number, result: 'met' | 'missed') =>
    actor && record.run(() => client.call('outcomes.record', { releaseId: room.release.id, criterion, result, measured: measured[criterion] || undefined, actor }))
  return (
    <div data-testid="outcomes">
      <h2>Outcomes</h2>
      <ul className="outcomes">
        {room.outcomes.map((o) => (
          <li key={o.criterion} className={`outcome outcome-${o.result.replace(' ', '-')}`} data-testid="outcome" data-result={o.result}>
            <div className="outcome-head">
              <strong>{o.description}</strong>
              <span className={`verdict verdict-${o.result === 'met' ? 'go' : o.result === 'missed' ? 'no-go' : 'pending'}`}>{o.result}</span>
            </div>
            <div className="muted">
              {o.target ? `target ${o.target}` : 'no numeric target'}
              {o.measured && ` · measured ${o.measured}`}
              {o.by && o.by.role === 'signal' && ` · read from ${o.by.name} at the end of validation, ${formatMoment(o.at)}`}
              {o.by && o.by.role !== 'signal' && ` · ${o.by.name} (${ROLE_LABELS[o.by.role as keyof typeof ROLE_LABELS] ?? o.by.role}), ${formatMoment(o.at)}`}
            </div>
            <OutcomeSignalLink room={room} criterion={o.criterion} link={links[o.criterion]} />
            <div className="outcome-actions">
              <input placeholder="Measured value" value={measured[o.criterion] ?? ''} onChange={(e) => setMeasured({ ...measured, [o.criterion]: e.target.value })} aria-label={`Measured value for ${o.description}`} />
              <button onClick={() => void mark(o.criterion, 'met')} data-testid="outcome-met">
                Met
              </button>
              <button onClick={() => void mark(o.criterion, 'missed')}>Missed</button>
            </div>
          </li>
        ))}
      </ul>
      {record.error && (
        <p className="form-error" role="alert" data-testid="outcome-error">
          {record.error}
        </p>
      )}
    </div>
  )
}
