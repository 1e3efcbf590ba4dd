import { useState, type FormEvent } from 'react'
import type { Room } from '../../../../shared/room'
import { COMPARATORS, type Comparator, type OutcomeSignalLink as Link } from '../../../../shared/review'
import { TERMINAL_STATUSES } from '../../../../shared/release'
import { client, useIdentity } from '../../session/room'
import { useCall } from '../../room/use-call'
import { linkText } from '../../review/review-shape'
import '../../review.css'

/**
 * Under a success criterion: the signal it will be read from at the end of validation, or, for the product owner or
 * the accountable owner, a form to choose one. Signals are added after a release is created, so the link is too.
 */
export function OutcomeSignalLink({ room, criterion, link }: { room: Room; criterion: number; link: Link | undefined }) {
  const actor = useIdentity((s) => s.actor)
  const [open, setOpen] = useState(false)
  const [signalId, setSignalId] = useState('')
  const [comparator, setComparator] = useState<Comparator>('<')
  const [value, setValue] = useState('')
  const [minutes, setMinutes] = useState('60')
  const save = useCall()
  const unitOf = (id: string) => room.signals.find((s) => s.id === id)?.definition.unit ?? ''
  const mayLink =
    actor !== null &&
    (actor.role === 'product-owner' || actor.name.trim().toLowerCase() === room.release.owner.trim().toLowerCase()) &&
    !TERMINAL_STATUSES.includes(room.release.status) &&
    room.signals.length > 0 &&
    !link?.settled

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!actor) return
    const ok = await save.run(() =>
      client.call('outcomes.signal.set', { releaseId: room.release.id, criterion, signalId, comparator, value: Number(value), windowMinutes: Number(minutes), actor })
    )
    if (ok) setOpen(false)
  }

  return (
    <div className="outcome-link" data-testid="outcome-link">
      {link && <div className="muted">{linkText(link, unitOf(link.signalId))}</div>}
      {mayLink && !open && (
        <button
          type="button"
          className="ghost"
          onClick={() => {
            setSignalId(link?.signalId ?? room.signals[0].id)
            setOpen(true)
          }}
          data-testid="outcome-link-edit"
        >
          {link ? 'Change signal' : 'Read from a signal'}
        </button>
      )}
      {open && (
        <form className="outcome-link-form" onSubmit={submit}>
          <select value={signalId} onChange={(e) => setSignalId(e.target.value)} aria-label="Signal" data-testid="outcome-link-signal">
            {room.signals.map((s) => (
              <option key={s.id} value={s.id}>
                {s.definition.name}
              </option>
            ))}
          </select>
          <select value={comparator} onChange={(e) => setComparator(e.target.value as Comparator)} aria-label="Comparison" data-testid="outcome-link-comparator">
            {COMPARATORS.map((c) => (
              <option key={c} value={c}>
                mean {c}
              </option>
            ))}
          </select>
          <input value={value} onChange={(e) => setValue(e.target.value)} inputMode="decimal" placeholder={unitOf(signalId) || 'value'} aria-label="Value" data-testid="outcome-link-value" />
          <label className="outcome-link-minutes">
            minutes of validation
            <input value={minutes} onChange={(e) => setMinutes(e.target.value)} inputMode="numeric" data-testid="outcome-link-minutes" />
          </label>
          <button type="button" className="ghost" onClick={() => setOpen(false)}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={save.busy || value.trim() === '' || !Number.isFinite(Number(value))} data-testid="outcome-link-save">
            Save
          </button>
        </form>
      )}
      {save.error && (
        <p className="form-error" role="alert">
          {save.error}
        </p>
      )}
    </div>
  )
}
