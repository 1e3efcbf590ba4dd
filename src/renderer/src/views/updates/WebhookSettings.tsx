import { useState, type FormEvent } from 'react'
import type { Room } from '../../../../shared/room'
import { client, useIdentity } from '../../session/room'
import { useCall } from '../../room/use-call'

/**
 * Where sends go. The address is a secret (whoever has it can post to the channel), so it is typed into a masked
 * field, a room screen being projected, and only its host is ever shown back.
 */
export function WebhookSettings({ room, canEdit }: { room: Room; canEdit: boolean }) {
  const actor = useIdentity((s) => s.actor)
  const [open, setOpen] = useState(false)
  const [url, setUrl] = useState('')
  const save = useCall()
  const hook = room.updates.webhook
  const releaseId = room.release.id

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!actor) return
    const done = await save.run(() => client.call('updates.webhook.set', { releaseId, url, actor }))
    if (done) {
      setUrl('')
      setOpen(false)
    }
  }

  async function remove() {
    if (!actor) return
    const done = await save.run(() => client.call('updates.webhook.remove', { releaseId, actor }))
    if (done) setOpen(false)
  }

  return (
    <div className="updates-webhook" data-testid="updates-webhook">
      <span className={hook ? '' : 'muted'} data-testid="updates-webhook-host">
        {hook ? (
          <>
            Webhook: <strong>{hook.host}</strong>
            {!hook.encrypted && <span className="muted"> (stored unencrypted on this host)</span>}
          </>
        ) : (
          'No webhook: copy and paste instead'
        )}
      </span>
      {canEdit && !open && (
        <button className="ghost" onClick={() => setOpen(true)} data-testid="updates-webhook-edit">
          {hook ? 'Change' : 'Set webhook'}
        </button>
      )}
      {open && (
        <form className="updates-webhook-form" onSubmit={submit}>
          <input
            type="password"
            autoComplete="off"
            placeholder="https://hooks.slack.com/services/…"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            aria-label="Incoming webhook address"
            data-testid="updates-webhook-url"
          />
          <button type="submit" className="primary" disabled={save.busy || !url.trim()} data-testid="updates-webhook-save">
            Save
          </button>
          {hook && (
            <button type="button" className="ghost" onClick={() => void remove()}>
              Remove
            </button>
          )}
          <button type="button" className="ghost" onClick={() => setOpen(false)}>
            Cancel
          </button>
          {save.error && (
            <span className="form-error" role="alert">
              {save.error}
            </span>
          )}
        </form>
      )}
    </div>
  )
}
