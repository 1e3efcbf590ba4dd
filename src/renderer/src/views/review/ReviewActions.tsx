import { useState, type FormEvent } from 'react'
import type { PostReview, ReviewAction } from '../../../../shared/review'
import { ROLE_LABELS, type Role } from '../../../../shared/roles'
import { client, useIdentity } from '../../session/room'
import { useCall } from '../../room/use-call'
import { actionState, localDay } from '../../review/review-shape'
import { OwnerRoleSelect } from '../pickers'
import { useNow } from '../../room/use-now'

/** Action items carry the lessons into the next release: each with an owner, a due day if there is one, and a status. */
export function ReviewActions({ review, onSaved }: { review: PostReview; onSaved(r: PostReview): void }) {
  const actor = useIdentity((s) => s.actor)
  const canEdit = actor !== null && actor.role !== 'observer'
  const today = localDay(useNow(60_000))
  return (
    <section className="review-actions" data-testid="review-actions">
      <h3>Action items</h3>
      {review.actions.length === 0 && <p className="muted">No action items.</p>}
      <ul className="actions">
        {review.actions.map((a) => (
          <ActionRow key={a.id} releaseId={review.releaseId} action={a} state={actionState(a, today)} canEdit={canEdit} onSaved={onSaved} />
        ))}
      </ul>
      {canEdit && <AddAction releaseId={review.releaseId} onSaved={onSaved} />}
    </section>
  )
}

function OwnerFields({ name, role, onName, onRole, prefix }: { name: string; role: Role; onName(v: string): void; onRole(r: Role): void; prefix: string }) {
  return (
    <>
      <input value={name} onChange={(e) => onName(e.target.value)} placeholder="Owner's name" aria-label="Owner's name" data-testid={`${prefix}-owner-name`} />
      <OwnerRoleSelect value={role} onChange={onRole} testId={`${prefix}-owner-role`} />
    </>
  )
}

function ActionRow({ releaseId, action, state, canEdit, onSaved }: { releaseId: string; action: ReviewAction; state: string; canEdit: boolean; onSaved(r: PostReview): void }) {
  const actor = useIdentity((s) => s.actor)
  const [assigning, setAssigning] = useState(false)
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>('sre')
  const save = useCall()

  async function update(change: { status?: 'open' | 'done'; owner?: { name: string; role: Role } }) {
    if (!actor) return
    const r = await save.run(() => client.call('review.actions.update', { releaseId, actionId: action.id, ...change, actor }))
    if (r) {
      setAssigning(false)
      onSaved(r)
    }
  }

  return (
    <li className={`action action-${state}`} data-testid="review-action" data-status={action.status}>
      <div className="action-main">
        <span className={`action-check ${action.status === 'done' ? 'checked' : ''}`} aria-hidden>
          {action.status === 'done' ? '✓' : ''}
        </span>
        <div className="action-body">
          <div className="action-title">{action.title}</div>
          <div className="action-meta">
            {action.owner ? (
              <span>
                {action.owner.name} · {ROLE_LABELS[action.owner.role]}
              </span>
            ) : (
              <span className="action-ownerless">No owner</span>
            )}
            {action.due && <span className={state === 'overdue' ? 'action-overdue' : ''}>due {action.due}{state === 'overdue' ? ' (overdue)' : ''}</span>}
          </div>
        </div>
        {canEdit && (
          <div className="action-buttons">
            {!action.owner && !assigning && (
              <button type="button" onClick={() => setAssigning(true)} data-testid="action-assign">
                Assign
              </button>
            )}
            <button type="button" className="ghost" onClick={() => void update({ status: action.status === 'done' ? 'open' : 'done' })} disabled={save.busy} data-testid="action-toggle">
              {action.status === 'done' ? 'Reopen' : 'Mark done'}
            </button>
          </div>
        )}
      </div>
      {assigning && (
        <form
          className="action-form"
          onSubmit={(e) => {
            e.preventDefault()
            void update({ owner: { name: name.trim(), role } })
          }}
        >
          <OwnerFields name={name} role={role} onName={setName} onRole={setRole} prefix="assign" />
          <button type="submit" className="primary" disabled={save.busy || !name.trim()}>
            Assign
          </button>
        </form>
      )}
      {save.error && (
        <p className="form-error" role="alert">
          {save.error}
        </p>
      )}
    </li>
  )
}

function AddAction({ releaseId, onSaved }: { releaseId: string; onSaved(r: PostReview): void }) {
  const actor = useIdentity((s) => s.actor)
  const [title, setTitle] = useState('')
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>('sre')
  const [due, setDue] = useState('')
  const save = useCall()

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!actor) return
    const owner = name.trim() ? { name: name.trim(), role } : undefined
    const r = await save.run(() => client.call('review.actions.add', { releaseId, title, owner, due: due || undefined, actor }))
    if (r) {
      setTitle('')
      setName('')
      setDue('')
      onSaved(r)
    }
  }

  return (
    <form className="action-form action-add" onSubmit={submit} data-testid="action-add">
      <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="New action item" aria-label="New action item" className="action-add-title" data-testid="action-title" />
      <OwnerFields name={name} role={role} onName={setName} onRole={setRole} prefix="action" />
      <input type="date" value={due} onChange={(e) => setDue(e.target.value)} aria-label="Due" data-testid="action-due" />
      <button type="submit" className="primary" disabled={save.busy || !title.trim()} data-testid="action-submit">
        Add
      </button>
      {save.error && (
        <p className="form-error" role="alert">
          {save.error}
        </p>
      )}
    </form>
  )
}
