import { useState, type FormEvent } from 'react'
import { ITEM_STATUSES, type ChecklistItem, type ItemStatus } from '../../../../shared/runbook'
import { ROLE_LABELS } from '../../../../shared/roles'
import { client, useIdentity } from '../../session/room'
import { useCall } from '../../room/use-call'

/** Set an item's status with the note or evidence that goes with it (a reason is required to block or waive). */
export function ItemDialog({ releaseId, item, initialStatus, onClose }: { releaseId: string; item: ChecklistItem; initialStatus?: ItemStatus; onClose(): void }) {
  const actor = useIdentity((s) => s.actor)
  const [status, setStatus] = useState<ItemStatus>(initialStatus ?? item.status)
  const [note, setNote] = useState(item.note ?? '')
  const [evidence, setEvidence] = useState(item.evidence ?? '')
  const call = useCall()

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!actor) return
    const ok = await call.run(() =>
      client.call('checklist.set', { releaseId, itemId: item.id, status, note: note || undefined, evidence: evidence || undefined, actor })
    )
    if (ok) onClose()
  }

  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <form className="card dialog" onSubmit={submit} data-testid="item-dialog" role="dialog" aria-modal="true" aria-labelledby="item-dialog-title">
        <h2 id="item-dialog-title">{item.title}</h2>
        <p className="muted">
          Owner: {ROLE_LABELS[item.ownerRole]} · {item.required ? 'required' : 'optional'}
        </p>
        {item.why && <p className="why">{item.why}</p>}
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as ItemStatus)} data-testid="item-status">
            {ITEM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Note {status === 'blocked' || status === 'waived' ? '(the reason, required)' : '(optional)'}
          <textarea autoFocus rows={3} value={note} onChange={(e) => setNote(e.target.value)} data-testid="item-note" />
        </label>
        <label>
          Evidence (a link or a short note, optional)
          <input value={evidence} onChange={(e) => setEvidence(e.target.value)} placeholder="https://ci.example/run/1234" data-testid="item-evidence" />
        </label>
        {call.error && (
          <p className="form-error" role="alert" data-testid="item-error">
            {call.error}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={call.busy} data-testid="item-save">
            Save
          </button>
        </div>
      </form>
    </div>
  )
}
