import { useState, type FormEvent, type ReactNode } from 'react'
import type { SignalView } from '../../../../shared/room-signals'
import { SEVERITIES, type SignalSourceKind } from '../../../../shared/signal'
import { client, useIdentity } from '../../session/room'
import { ApiError } from '../../client/war-room-client'
import { definitionFromForm, EMPTY_FORM, formFromDefinition, issuesByField, type SignalForm } from '../../health/signal-form'

const KINDS: { kind: SignalSourceKind; label: string }[] = [
  { kind: 'prometheus', label: 'Prometheus query' },
  { kind: 'scrape', label: 'Scrape /metrics' },
  { kind: 'json', label: 'JSON endpoint' },
  { kind: 'probe', label: 'HTTP probe' }
]

/** Add or edit a signal. The host checks every field; its messages appear beside the inputs they are about. */
export function SignalFormDialog({ releaseId, editing, onClose }: { releaseId: string; editing: SignalView | null; onClose: () => void }) {
  const actor = useIdentity((s) => s.actor)
  const [form, setForm] = useState<SignalForm>(() => (editing ? formFromDefinition(editing.definition) : EMPTY_FORM))
  const [errors, setErrors] = useState<{ fields: Partial<Record<keyof SignalForm, string>>; general: string[] }>({ fields: {}, general: [] })
  const [busy, setBusy] = useState(false)
  const set = <K extends keyof SignalForm>(key: K, value: SignalForm[K]) => setForm((f) => ({ ...f, [key]: value }))

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!actor) return
    setBusy(true)
    try {
      const signal = definitionFromForm(form) as never
      if (editing) await client.call('signals.update', { signalId: editing.id, signal, actor })
      else await client.call('signals.add', { releaseId, signal, actor })
      onClose()
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) {
        const placed = issuesByField(err.issues)
        setErrors(placed.general.length || Object.keys(placed.fields).length ? placed : { fields: {}, general: [err.message] })
      } else setErrors({ fields: {}, general: [(err as Error).message] })
    } finally {
      setBusy(false)
    }
  }

  async function remove() {
    if (!actor || !editing) return
    setBusy(true)
    try {
      await client.call('signals.remove', { signalId: editing.id, actor })
      onClose()
    } catch (err) {
      setErrors({ fields: {}, general: [(err as Error).message] })
    } finally {
      setBusy(false)
    }
  }

  const field = (key: keyof SignalForm, label: string, input: ReactNode, wide = false) => (
    <label className={`${errors.fields[key] ? 'invalid' : ''} ${wide ? 'wide' : ''}`}>
      {label}
      {input}
      {errors.fields[key] && (
        <span className="field-error" data-testid={`signal-error-${key}`}>
          {errors.fields[key]}
        </span>
      )}
    </label>
  )
  const text = (key: keyof SignalForm, placeholder = '') => (
    <input value={String(form[key])} placeholder={placeholder} onChange={(e) => set(key, e.target.value as never)} data-testid={`signal-${key}`} />
  )

  return (
    <div className="dialog-backdrop" role="dialog" aria-modal="true" aria-label={editing ? 'Edit signal' : 'Add signal'}>
      <form className="dialog card signal-form" onSubmit={submit} data-testid="signal-form">
        <h2>{editing ? `Edit ${editing.definition.name}` : 'Watch a new signal'}</h2>
        <div className="signal-form-grid">
          {field('name', 'Name', text('name', 'Canary error rate'), true)}
          {field(
            'kind',
            'Source',
            <select value={form.kind} onChange={(e) => set('kind', e.target.value as SignalSourceKind)} data-testid="signal-kind">
              {KINDS.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
          )}
          {field('url', form.kind === 'prometheus' ? 'Prometheus URL' : 'URL', text('url', form.kind === 'prometheus' ? 'http://prometheus:9090' : 'http://service:8080/metrics'), true)}
          {form.kind === 'prometheus' && field('query', 'PromQL query', text('query', 'sum(rate(http_requests_total{code=~"5.."}[2m]))'), true)}
          {form.kind === 'scrape' && (
            <>
              {field('metric', 'Metric', text('metric', 'http_requests_total'))}
              {field('labels', 'Labels', text('labels', 'track=canary, code=500'))}
              {field('quantile', 'Quantile (histogram)', text('quantile', '0.95'))}
              <label className="inline">
                <input type="checkbox" checked={form.rate} onChange={(e) => set('rate', e.target.checked)} data-testid="signal-rate" /> Counter: per-second rate
              </label>
              {form.rate && field('windowSeconds', 'Rate window (s)', text('windowSeconds', '120'))}
              {form.rate && field('overLabels', 'Divide by series with labels', text('overLabels', 'track=canary'))}
            </>
          )}
          {form.kind === 'json' && field('path', 'Path', text('path', 'checks.db.latencyMs'))}
          {field('unit', 'Unit', text('unit', 'ms'))}
          {field('scale', 'Multiply readings by', text('scale', '1000'))}
          {field('intervalSeconds', 'Poll every (s)', text('intervalSeconds', '5'))}
          {field(
            'direction',
            'Worse when',
            <select value={form.direction} onChange={(e) => set('direction', e.target.value as 'above' | 'below')} data-testid="signal-direction">
              <option value="above">higher (errors, latency)</option>
              <option value="below">lower (availability, throughput)</option>
            </select>
          )}
          {field('warn', 'Warn at', text('warn'))}
          {field('critical', 'Critical at', text('critical'))}
          {field(
            'breachKind',
            'Sustained breach',
            <select value={form.breachKind} onChange={(e) => set('breachKind', e.target.value as 'consecutive' | 'duration')} data-testid="signal-breachKind">
              <option value="consecutive">N samples in a row</option>
              <option value="duration">for D seconds</option>
            </select>
          )}
          {form.breachKind === 'consecutive' ? field('breachCount', 'Samples in a row', text('breachCount')) : field('breachSeconds', 'Seconds', text('breachSeconds'))}
          {field(
            'severity',
            'Incident severity',
            <select value={form.severity} onChange={(e) => set('severity', e.target.value as SignalForm['severity'])} data-testid="signal-severity">
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          )}
          {field(
            'role',
            'Role',
            <select value={form.role} onChange={(e) => set('role', e.target.value as SignalForm['role'])} data-testid="signal-role">
              <option value="">none</option>
              <option value="canary">canary</option>
              <option value="baseline">baseline</option>
            </select>
          )}
        </div>
        {errors.general.length > 0 && (
          <ul className="form-error" role="alert" data-testid="signal-form-error">
            {errors.general.map((g) => (
              <li key={g}>{g}</li>
            ))}
          </ul>
        )}
        <div className="form-actions signal-form-actions">
          {editing && (
            <button type="button" className="ghost danger" onClick={remove} disabled={busy || !actor} data-testid="signal-remove">
              Stop watching
            </button>
          )}
          <button type="button" className="ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || !actor} data-testid="signal-save">
            {editing ? 'Save' : 'Add signal'}
          </button>
        </div>
      </form>
    </div>
  )
}
