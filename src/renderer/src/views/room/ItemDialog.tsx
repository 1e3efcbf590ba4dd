import { useState, type FormEvent } from 'react'
import { ITEM_STATUSES, type ChecklistItem, type ItemStatus } from '../../../../shared/runbook'
import { ROLE_LABELS, type Role } from '../../../../shared/roles'
import { OwnerRoleSelect } from '../pickers'
import { moveWithinPhase } from '../../room/checklist-rows'
import { client, useIdentity } from '../../session/room'
import { useCall } from '../../room/use-call'

/** Set an item's status with the note or evidence that goes with it (a reason is required to block or waive). */
export function ItemDialog({
  releaseId,
  item,
  items,
  planning,
  initialStatus,
  onClose
}: {
  releaseId: string
  item: ChecklistItem
  items: readonly ChecklistItem[]
  planning: boolean
  initialStatus?: ItemStatus
  onClose(): void
}) {
  const actor = useIdentity((s) => s.actor)
  const [status, setStatus] = useState<ItemStatus>(initialStatus ?? item.status)
  const [note, setNote] = useState(item.note ?? '')
  const [evidence, setEvidence] = useState(item.evidence ?? '')
  const call = useCall()
  const [title, setTitle] = useState(item.title)
  const [why, setWhy] = useState(item.why)
  const [ownerRole, setOwnerRole] = useState<Role>(item.ownerRole)
  const [required, setRequired] = useState(item.required)

  const saveEdit = () =>
    actor && call.run(() => client.call('checklist.edit', { releaseId, itemId: item.id, changes: { title, why, ownerRole, required }, actor }))
  const move = (delta: -1 | 1) => {
    const order = moveWithinPhase(items, item.id, delta)
    if (actor && order) void call.run(() => client.call('checklist.reorder', { releaseId, itemIds: order, actor }))
  }

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
        {planning && (
          <fieldset className="item-edit" data-testid="item-edit">
            <legend>While planning: edit or move this item</legend>
            <label>
              Title
              <input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="edit-title" />
            </label>
            <label>
              Why it matters
              <input value={why} onChange={(e) => setWhy(e.target.value)} />
            </label>
            <div className="form-grid">
              <label>
                Owner
                <OwnerRoleSelect value={ownerRole} onChange={setOwnerRole} />
              </label>
              <label className="inline">
                <input type="checkbox" checked={required} onChange={(e) => setRequired(e.target.checked)} /> Required
              </label>
            </div>
            <div className="row-actions">
              <button type="button" onClick={() => void saveEdit()} data-testid="edit-save">
                Save changes
              </button>
              <button type="button" className="ghost" onClick={() => move(-1)} data-testid="move-up">
                Move up
              </button>
              <button type="button" className="ghost" onClick={() => move(1)} data-testid="move-down">
                Move down
              </button>
            </div>
          </fieldset>
        )}
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
