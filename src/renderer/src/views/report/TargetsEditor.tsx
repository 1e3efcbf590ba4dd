import { useState, type FormEvent } from 'react'
import type { LiveReport } from '../../../../shared/api-report'
import { METRIC_KEYS, SIGNAL_METRICS, type SignalMetricKey } from '../../../../shared/report'
import { client, useIdentity } from '../../session/room'
import { useCall } from '../../room/use-call'
import { targetsChange, targetsDraft, type TargetsDraft } from '../../report/report-lines'

/** Edits the metrics table of this release: targets, which signal each health metric reads, actuals entered by hand. */
export function TargetsEditor({ releaseId, live }: { releaseId: string; live: LiveReport }) {
  const actor = useIdentity((s) => s.actor)
  const [draft, setDraft] = useState<TargetsDraft | null>(null)
  const save = useCall()
  const labels = Object.fromEntries(live.report.metrics.map((m) => [m.key, m.label]))
  if (!draft) {
    return (
      <div className="report-edit-toggle no-print">
        <button type="button" onClick={() => setDraft(targetsDraft(live.settings))} data-testid="targets-edit">
          Edit targets
        </button>
      </div>
    )
  }
  const d = draft
  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!actor) return
    const { change, invalid } = targetsChange(d, live.settings)
    if (invalid.length) {
      save.clearError()
      await save.run(() => Promise.reject(new Error(`Enter a number for: ${invalid.join(', ')}.`)))
      return
    }
    if (!change.targets && !change.signals && !change.manual) {
      setDraft(null)
      return
    }
    const ok = await save.run(() => client.call('reports.targets.set', { releaseId, ...change, actor }))
    if (ok) setDraft(null)
  }
  const setIn = <K extends keyof TargetsDraft>(part: K, key: string, value: string) => setDraft({ ...d, [part]: { ...d[part], [key]: value } })
  return (
    <form className="report-targets no-print" onSubmit={submit} data-testid="targets-form">
      <div className="report-targets-grid">
        {METRIC_KEYS.map((k) => (
          <label key={k}>
            {labels[k]} target
            <input inputMode="decimal" value={d.targets[k]} onChange={(e) => setIn('targets', k, e.target.value)} data-testid={`target-${k}`} />
          </label>
        ))}
      </div>
      <div className="report-targets-grid">
        {SIGNAL_METRICS.map((k: SignalMetricKey) => (
          <fieldset key={k}>
            <legend>{labels[k]}: actual from</legend>
            <select value={d.signals[k]} onChange={(e) => setIn('signals', k, e.target.value)} aria-label={`${labels[k]} signal`}>
              <option value="">Best guess from the signals</option>
              {live.signals.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                  {s.unit ? ` (${s.unit})` : ''}
                </option>
              ))}
            </select>
            <input inputMode="decimal" placeholder="or enter the actual" value={d.manual[k]} onChange={(e) => setIn('manual', k, e.target.value)} aria-label={`${labels[k]} actual entered by hand`} />
          </fieldset>
        ))}
      </div>
      {save.error && (
        <p className="form-error" role="alert">
          {save.error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="ghost" onClick={() => setDraft(null)}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={save.busy} data-testid="targets-save">
          Save targets
        </button>
      </div>
    </form>
  )
}
