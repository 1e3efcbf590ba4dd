import { useState } from 'react'
import { GATE_KINDS, type GateKind, type RolloutPlan } from '../../../../shared/rollout'
import type { Actor } from '../../../../shared/roles'
import { client } from '../../session/room'
import { useCall } from '../../room/use-call'
import { addStep, draftFromPlan, planFromDraft, removeStep, withPercent, type DraftStep } from '../../rollout/plan-draft'
import { ApiError } from '../../client/war-room-client'
import { fieldValuesOf, planFromFields, PLAN_FIELDS, type FieldPlan, type FieldValues } from '../../rollout/plan-fields'

/**
 * The plan, editable until production: canary steps row by row, or pasted from an Argo Rollouts manifest. Other
 * strategies have a few numbers and choices, edited as labelled fields and checked by the same schema the host uses.
 */
export function PlanEditor({ releaseId, plan, actor, onDone }: { releaseId: string; plan: RolloutPlan; actor: Actor; onDone(): void }) {
  return plan.strategy === 'canary' ? (
    <CanaryEditor releaseId={releaseId} plan={plan} actor={actor} onDone={onDone} />
  ) : (
    <FieldsEditor releaseId={releaseId} plan={plan} actor={actor} onDone={onDone} />
  )
}

function CanaryEditor({ releaseId, plan, actor, onDone }: { releaseId: string; plan: Extract<RolloutPlan, { strategy: 'canary' }>; actor: Actor; onDone(): void }) {
  const [steps, setSteps] = useState<DraftStep[]>(() => draftFromPlan(plan))
  const [errors, setErrors] = useState<string[]>([])
  const [manifest, setManifest] = useState('')
  const [argoIssues, setArgoIssues] = useState<string[]>([])
  const [argoNotes, setArgoNotes] = useState<string[]>([])
  const save = useCall()

  const edit = (i: number, change: Partial<DraftStep>) => setSteps((s) => s.map((row, j) => (j === i ? { ...row, ...change } : row)))

  async function submit() {
    const result = planFromDraft(steps)
    if (!result.ok) return setErrors(result.errors)
    setErrors([])
    const ok = await save.run(() => client.call('rollout.plan.set', { releaseId, plan: result.plan, actor }))
    if (ok) onDone()
  }

  async function importManifest() {
    setArgoIssues([])
    setArgoNotes([])
    try {
      const out = await client.call('rollout.plan.importArgo', { releaseId, manifest, actor })
      setArgoNotes([...out.notes, ...out.skipped.map((s) => s.note)])
      if (out.rollout.plan.strategy === 'canary') setSteps(draftFromPlan(out.rollout.plan))
      setManifest('')
    } catch (e) {
      const issues = e instanceof ApiError && e.issues.length ? e.issues.map((i) => `${i.path}: ${i.message}`) : [(e as Error).message]
      setArgoIssues(issues)
    }
  }

  return (
    <div className="plan-editor" data-testid="plan-editor">
      <table className="plan-table">
        <thead>
          <tr>
            <th>#</th>
            <th>Traffic %</th>
            <th>Label</th>
            <th>Soak (seconds; empty waits for a person)</th>
            <th>Gate</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {steps.map((s, i) => (
            <tr key={i} data-testid="plan-step-row">
              <td className="muted">{i + 1}</td>
              <td>
                <input inputMode="decimal" value={s.trafficPercent} onChange={(e) => setSteps((all) => withPercent(all, i, e.target.value))} aria-label={`Step ${i + 1} traffic percent`} data-testid="plan-step-percent" />
              </td>
              <td>
                <input value={s.label} onChange={(e) => edit(i, { label: e.target.value })} aria-label={`Step ${i + 1} label`} data-testid="plan-step-label" />
              </td>
              <td>
                <input inputMode="numeric" value={s.soakSeconds} onChange={(e) => edit(i, { soakSeconds: e.target.value })} aria-label={`Step ${i + 1} soak seconds`} data-testid="plan-step-soak" />
              </td>
              <td>
                <select value={s.gate} onChange={(e) => edit(i, { gate: e.target.value as GateKind })} aria-label={`Step ${i + 1} gate`} data-testid="plan-step-gate">
                  {GATE_KINDS.map((g) => (
                    <option key={g} value={g}>
                      {g}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <button className="ghost" onClick={() => setSteps((all) => removeStep(all, i))} disabled={steps.length <= 1} aria-label={`Remove step ${i + 1}`} data-testid="plan-step-remove">
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <PlanErrors errors={errors} saveError={save.error} />
      <div className="form-actions plan-actions">
        <button className="ghost" onClick={() => setSteps((all) => addStep(all))} data-testid="plan-add-step">
          Add step
        </button>
        <button className="ghost" onClick={onDone}>
          Cancel
        </button>
        <button className="primary" onClick={submit} disabled={save.busy} data-testid="plan-save">
          Save plan
        </button>
      </div>
      <details className="argo-import">
        <summary>Import steps from an Argo Rollouts manifest</summary>
        <textarea
          className="code"
          rows={8}
          value={manifest}
          onChange={(e) => setManifest(e.target.value)}
          placeholder={'kind: Rollout\nspec:\n  strategy:\n    canary:\n      steps:\n      - setWeight: 20\n      - pause: {duration: 10m}'}
          aria-label="Argo Rollouts manifest"
          data-testid="argo-manifest"
        />
        {argoIssues.length > 0 && (
          <ul className="form-error" role="alert" data-testid="argo-error">
            {argoIssues.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
        )}
        {argoNotes.length > 0 && (
          <ul className="muted argo-notes" data-testid="argo-notes">
            {argoNotes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
        <div className="form-actions">
          <button onClick={importManifest} disabled={!manifest.trim()} data-testid="argo-import">
            Import and save
          </button>
        </div>
      </details>
    </div>
  )
}

function FieldsEditor({ releaseId, plan, actor, onDone }: { releaseId: string; plan: FieldPlan; actor: Actor; onDone(): void }) {
  const [values, setValues] = useState<FieldValues>(() => fieldValuesOf(plan))
  const [errors, setErrors] = useState<string[]>([])
  const save = useCall()
  async function submit() {
    const result = planFromFields(plan.strategy, values)
    if (!result.ok) return setErrors(result.errors)
    setErrors([])
    const ok = await save.run(() => client.call('rollout.plan.set', { releaseId, plan: result.plan, actor }))
    if (ok) onDone()
  }
  return (
    <div className="plan-editor" data-testid="plan-editor">
      <div className="plan-fields">
        {PLAN_FIELDS[plan.strategy].map((f) => (
          <label key={f.key} className="plan-field">
            <span className="plan-field-label">{f.label}</span>
            {f.kind === 'choice' ? (
              <select value={values[f.key]} onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))} data-testid={`plan-field-${f.key}`}>
                {f.options.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            ) : (
              <span className="plan-field-input">
                <input
                  inputMode={f.kind === 'number' ? 'numeric' : undefined}
                  value={values[f.key]}
                  placeholder={f.kind === 'url' ? 'optional: https://…' : f.kind === 'time' ? 'optional' : undefined}
                  onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
                  data-testid={`plan-field-${f.key}`}
                />
                {f.kind === 'number' && <span className="muted">{f.unit}</span>}
              </span>
            )}
            {f.hint && <span className="muted plan-field-hint">{f.hint}</span>}
          </label>
        ))}
      </div>
      <PlanErrors errors={errors} saveError={save.error} />
      <div className="form-actions plan-actions">
        <button className="ghost" onClick={onDone}>
          Cancel
        </button>
        <button className="primary" onClick={submit} disabled={save.busy} data-testid="plan-save">
          Save plan
        </button>
      </div>
    </div>
  )
}

/** The plan's own problems and the host's refusal, in one list either editor shows. */
function PlanErrors({ errors, saveError }: { errors: readonly string[]; saveError: string | null }) {
  if (errors.length === 0 && !saveError) return null
  return (
    <ul className="form-error" role="alert" data-testid="plan-error">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
      {saveError && <li>{saveError}</li>}
    </ul>
  )
}
