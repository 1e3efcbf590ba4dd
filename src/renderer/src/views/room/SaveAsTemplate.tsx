import { useState, type FormEvent } from 'react'
import { client, useIdentity } from '../../session/room'
import { useCall } from '../../room/use-call'

/** Keeps this release's runbook (checklist, gates, plan, decision tree, signals) as a template for the next one. */
export function SaveAsTemplate({ releaseId, title }: { releaseId: string; title: string }) {
  const actor = useIdentity((s) => s.actor)
  const [open, setOpen] = useState(false)
  const [name, setName] = useState(`${title} runbook`)
  const [saved, setSaved] = useState<string | null>(null)
  const call = useCall()
  if (!actor || actor.role === 'observer') return null

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!actor) return
    const t = await call.run(() => client.call('templates.fromRelease', { releaseId, name, actor }))
    if (t) {
      setSaved(`Saved as "${t.name}"`)
      setOpen(false)
    }
  }

  if (!open) {
    return (
      <span className="save-template">
        {saved && <span className="muted">{saved} · </span>}
        <button className="ghost" onClick={() => setOpen(true)} data-testid="save-as-template">
          Save as template
        </button>
      </span>
    )
  }
  return (
    <form className="save-template" onSubmit={submit}>
      <input value={name} onChange={(e) => setName(e.target.value)} aria-label="Template name" data-testid="template-name" />
      <button type="submit" className="primary" disabled={call.busy} data-testid="template-save">
        Save
      </button>
      <button type="button" className="ghost" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {call.error && <span className="form-error">{call.error}</span>}
    </form>
  )
}
