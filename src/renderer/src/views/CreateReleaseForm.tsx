import { useEffect, useState, type FormEvent } from 'react'
import type { TemplateSummary } from '../../../shared/runbook'
import type { Strategy } from '../../../shared/release'
import { StrategySelect } from './pickers'
import { ApiError } from '../client/war-room-client'
import { client, releasesStore, useIdentity } from '../session/room'
import { localInputToIso } from '../releases/window-time'
import { parseCriteria, parseParticipants } from '../releases/release-lines'

const EMPTY = { title: '', service: '', version: '', owner: '', environment: 'production', windowStart: '', windowEnd: '', commitAt: '', participants: '', criteria: '' }
type Fields = typeof EMPTY

/** The host validates; this form shows its answer beside the field it names, and keeps what was typed. */
export function CreateReleaseForm({ onDone }: { onDone(releaseId: string): void }) {
  const actor = useIdentity((s) => s.actor)
  const [fields, setFields] = useState<Fields>(EMPTY)
  const [strategy, setStrategy] = useState<Strategy>('canary')
  const [error, setError] = useState<string | null>(null)
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [templates, setTemplates] = useState<TemplateSummary[]>([])
  const [templateId, setTemplateId] = useState('')

  useEffect(() => {
    client.call('templates.list', {}).then(setTemplates, () => setTemplates([]))
  }, [])
  const forStrategy = templates.filter((t) => t.strategy === strategy)

  const set = (k: keyof Fields) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [k]: e.target.value }))

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!actor) return
    const { participants, errors } = parseParticipants(fields.participants)
    if (errors.length) {
      setError(errors.join('; '))
      setFieldErrors({ participants: errors[0] })
      return
    }
    setBusy(true)
    setError(null)
    setFieldErrors({})
    try {
      const release = await releasesStore.getState().create({
        title: fields.title,
        service: fields.service,
        version: fields.version,
        owner: fields.owner,
        environment: fields.environment || undefined,
        strategy,
        windowStart: localInputToIso(fields.windowStart),
        windowEnd: localInputToIso(fields.windowEnd),
        commitAt: localInputToIso(fields.commitAt),
        participants,
        successCriteria: parseCriteria(fields.criteria),
        templateId: forStrategy.some((t) => t.id === templateId) ? templateId : undefined,
        actor
      })
      setFields(EMPTY)
      onDone(release.id)
    } catch (err) {
      setError((err as Error).message)
      if (err instanceof ApiError) setFieldErrors(Object.fromEntries(err.issues.map((i) => [i.path, i.message])))
    } finally {
      setBusy(false)
    }
  }

  const field = (k: keyof Fields, label: string, props: Record<string, string> = {}) => (
    <label className={fieldErrors[k] ? 'invalid' : undefined}>
      {label}
      <input value={fields[k]} onChange={set(k)} name={k} data-testid={`create-${k}`} aria-invalid={!!fieldErrors[k]} {...props} />
      {fieldErrors[k] && <span className="field-error">{fieldErrors[k]}</span>}
    </label>
  )

  return (
    <form className="card create-form" onSubmit={submit} data-testid="create-release-form">
      <h2>New release</h2>
      <div className="form-grid">
        {field('title', 'Title', { placeholder: 'Checkout 2.6: saved carts' })}
        {field('service', 'Service', { placeholder: 'checkout' })}
        {field('version', 'Version', { placeholder: '2.6.0' })}
        {field('owner', 'Accountable owner (one person)', { placeholder: 'Dana Okafor' })}
        <label>
          Strategy
          <StrategySelect value={strategy} onChange={setStrategy} testId="create-strategy" />
        </label>
        <label>
          Runbook
          <select value={templateId} onChange={(e) => setTemplateId(e.target.value)} data-testid="create-template">
            {forStrategy.map((t) => (
              <option key={t.id} value={t.builtin ? '' : t.id}>
                {t.name} ({t.itemCount} items)
              </option>
            ))}
          </select>
        </label>
        {field('environment', 'Environment')}
        {field('windowStart', 'Window opens', { type: 'datetime-local' })}
        {field('windowEnd', 'Window closes', { type: 'datetime-local' })}
        {field('commitAt', 'Change committed (for lead time)', { type: 'datetime-local' })}
      </div>
      <div className="form-grid form-grid-wide">
        <label className={fieldErrors.participants ? 'invalid' : undefined}>
          Participants, one per line as “Name @role”
          <textarea rows={3} value={fields.participants} onChange={set('participants')} placeholder={'Sam Lee @sre\nPriya Raman @product-owner'} data-testid="create-participants" />
        </label>
        <label>
          Success criteria to measure after release, one per line (“what :: target”)
          <textarea rows={3} value={fields.criteria} onChange={set('criteria')} placeholder="Checkout conversion holds :: ≥ 3.1%" data-testid="create-criteria" />
        </label>
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="create-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="create-submit">
          {busy ? 'Saving…' : 'Create release'}
        </button>
      </div>
    </form>
  )
}
