import { useState, type FormEvent } from 'react'
import { PHASES, PHASE_LABELS, type Phase } from '../../../../shared/runbook'
import type { Role } from '../../../../shared/roles'
import { OwnerRoleSelect } from '../pickers'
import { client, useIdentity } from '../../session/room'
import { useCall } from '../../room/use-call'

/** While the release is in planning, the DevOps lead or the owner adds items one at a time or from a Markdown list. */
export function ChecklistEditor({ releaseId }: { releaseId: string }) {
  const actor = useIdentity((s) => s.actor)
  const [mode, setMode] = useState<'closed' | 'item' | 'markdown'>('closed')
  const [title, setTitle] = useState('')
  const [why, setWhy] = useState('')
  const [phase, setPhase] = useState<Phase>('pre-deployment')
  const [ownerRole, setOwnerRole] = useState<Role>('sre')
  const [required, setRequired] = useState(true)
  const [markdown, setMarkdown] = useState('')
  const call = useCall()

  async function addItem(e: FormEvent) {
    e.preventDefault()
    if (!actor) return
    const ok = await call.run(() => client.call('checklist.add', { releaseId, item: { phase, title, why: why || undefined, ownerRole, required }, actor }))
    if (ok) {
      setTitle('')
      setWhy('')
    }
  }

  async function importMarkdown(e: FormEvent) {
    e.preventDefault()
    if (!actor) return
    const ok = await call.run(() => client.call('checklist.import', { releaseId, markdown, defaultPhase: phase, actor }))
    if (ok) setMarkdown('')
  }

  if (mode === 'closed') {
    return (
      <div className="editor-actions">
        <button className="ghost" onClick={() => setMode('item')} data-testid="add-item">
          Add item
        </button>
        <button className="ghost" onClick={() => setMode('markdown')} data-testid="import-markdown">
          Import Markdown
        </button>
      </div>
    )
  }
  return (
    <form className="checklist-editor" onSubmit={mode === 'item' ? addItem : importMarkdown} data-testid="checklist-editor">
      <div className="form-grid">
        <label>
          Phase{mode === 'markdown' ? ' (before the first heading)' : ''}
          <select value={phase} onChange={(e) => setPhase(e.target.value as Phase)}>
            {PHASES.map((p) => (
              <option key={p} value={p}>
                {PHASE_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
        {mode === 'item' && (
          <>
            <label>
              Owner
              <OwnerRoleSelect value={ownerRole} onChange={setOwnerRole} testId="new-item-owner" />
            </label>
            <label className="inline">
              <input type="checkbox" checked={required} onChange={(e) => setRequired(e.target.checked)} /> Required
            </label>
          </>
        )}
      </div>
      {mode === 'item' ? (
        <>
          <label>
            Title
            <input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="new-item-title" />
          </label>
          <label>
            Why it matters
            <input value={why} onChange={(e) => setWhy(e.target.value)} />
          </label>
        </>
      ) : (
        <label>
          Markdown task list
          <textarea rows={5} value={markdown} onChange={(e) => setMarkdown(e.target.value)} placeholder={'## Pre-deployment\n- [ ] Feature flags reviewed @tech-lead'} className="code" spellCheck={false} data-testid="markdown-input" />
        </label>
      )}
      {call.error && (
        <p className="form-error" role="alert" data-testid="editor-error">
          {call.error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="ghost" onClick={() => setMode('closed')}>
          Done
        </button>
        <button type="submit" className="primary" disabled={call.busy} data-testid="editor-submit">
          {mode === 'item' ? 'Add item' : 'Import'}
        </button>
      </div>
    </form>
  )
}
