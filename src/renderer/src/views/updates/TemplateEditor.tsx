import { useRef } from 'react'
import type { UpdateTemplateView } from '../../../../shared/updates'
import { UPDATE_FIELDS, UPDATE_FIELD_NAMES, type UpdateFieldName } from '../../../../shared/update-fields'
import { client, useIdentity } from '../../session/room'
import { useCall } from '../../room/use-call'
import { formatMoment } from '../../releases/window-time'

/**
 * The template behind the preview. While a draft is open the preview above shows the draft, problems included, so
 * a stray brace is seen before it is saved (the host refuses it anyway).
 */
export function TemplateEditor(props: {
  releaseId: string
  template: UpdateTemplateView
  draft: string | null
  onDraft(draft: string | null): void
  canEdit: boolean
}) {
  const { releaseId, template, draft, onDraft, canEdit } = props
  const actor = useIdentity((s) => s.actor)
  const area = useRef<HTMLTextAreaElement>(null)
  const save = useCall()

  const origin = template.custom && template.updatedBy ? `edited by ${template.updatedBy.name}, ${formatMoment(template.updatedAt)}` : 'the default text'

  if (draft === null) {
    return (
      <div className="updates-template-line">
        <span className="muted">Template: {origin}.</span>
        {canEdit && (
          <button className="ghost" onClick={() => onDraft(template.body)} data-testid="updates-edit">
            Edit template
          </button>
        )}
        {canEdit && template.custom && actor && (
          <button className="ghost" onClick={() => void save.run(() => client.call('updates.templates.reset', { releaseId, stage: template.stage, actor }))} data-testid="updates-reset">
            Back to default
          </button>
        )}
        {save.error && <span className="form-error">{save.error}</span>}
      </div>
    )
  }

  function insert(field: UpdateFieldName) {
    const el = area.current
    const text = `{${field}}`
    const current = draft ?? ''
    const start = el?.selectionStart ?? current.length
    const end = el?.selectionEnd ?? current.length
    onDraft(current.slice(0, start) + text + current.slice(end))
    requestAnimationFrame(() => {
      el?.focus()
      el?.setSelectionRange(start + text.length, start + text.length)
    })
  }

  async function submit() {
    if (!actor || draft === null) return
    const saved = await save.run(() => client.call('updates.templates.set', { releaseId, stage: template.stage, body: draft, actor }))
    if (saved) onDraft(null)
  }

  return (
    <div className="updates-editor" data-testid="updates-editor">
      <label>
        Template (fields in braces are filled from the room when the message is made)
        <textarea ref={area} rows={3} value={draft} onChange={(e) => onDraft(e.target.value)} data-testid="updates-template" />
      </label>
      <div className="updates-fields" aria-label="Fields">
        {UPDATE_FIELD_NAMES.map((f) => (
          <button key={f} type="button" className="field-chip" title={UPDATE_FIELDS[f].description} onClick={() => insert(f)}>
            {`{${f}}`}
          </button>
        ))}
      </div>
      {save.error && (
        <p className="form-error" role="alert" data-testid="updates-template-error">
          {save.error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="ghost" onClick={() => onDraft(null)}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={() => void submit()} disabled={save.busy} data-testid="updates-template-save">
          Save template
        </button>
      </div>
    </div>
  )
}
