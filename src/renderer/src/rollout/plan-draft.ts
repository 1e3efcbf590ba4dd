import { canaryPlanSchema, type CanaryPlan, type GateKind } from '../../../shared/rollout'

/** The canary plan editor's rows, as text the inputs hold, and the plan they make (checked by the host's own schema). */

export interface DraftStep {
  id: string
  label: string
  trafficPercent: string
  /** Seconds as typed; empty means an indefinite pause, which a person ends. */
  soakSeconds: string
  gate: GateKind
}

export function draftFromPlan(plan: CanaryPlan): DraftStep[] {
  return plan.steps.map((s) => ({
    id: s.id,
    label: s.label,
    trafficPercent: String(s.trafficPercent),
    soakSeconds: s.soakSeconds === null ? '' : String(s.soakSeconds),
    gate: s.gate
  }))
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = base
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`
  return id
}

/** A step's id follows its traffic, so the record reads "canary-25"; a label the person did not write follows too. */
export function withPercent(steps: readonly DraftStep[], index: number, percent: string): DraftStep[] {
  return steps.map((s, i) => {
    if (i !== index) return s
    const autoLabel = s.label === `${s.trafficPercent}% of traffic` || s.label === ''
    return { ...s, trafficPercent: percent, label: autoLabel ? `${percent}% of traffic` : s.label }
  })
}

export function addStep(steps: readonly DraftStep[]): DraftStep[] {
  const last = steps[steps.length - 1]
  const taken = new Set(steps.map((s) => s.id))
  return [...steps, { id: uniqueId('canary-100', taken), label: '100% of traffic', trafficPercent: '100', soakSeconds: last?.soakSeconds || '600', gate: 'health' }]
}

export function removeStep(steps: readonly DraftStep[], index: number): DraftStep[] {
  return steps.filter((_, i) => i !== index)
}

export type DraftResult = { ok: true; plan: CanaryPlan } | { ok: false; errors: string[] }

/** Ids are regenerated from the traffic so every row has a valid, unique one, whatever was typed. */
export function planFromDraft(steps: readonly DraftStep[]): DraftResult {
  const taken = new Set<string>()
  const candidate = {
    strategy: 'canary' as const,
    steps: steps.map((s) => {
      const pct = s.trafficPercent.trim() === '' ? NaN : Number(s.trafficPercent)
      const id = uniqueId(`canary-${Number.isFinite(pct) ? String(pct).replace(/[^0-9]/g, '-') : 'step'}`, taken)
      taken.add(id)
      return {
        id,
        label: s.label.trim() || `${s.trafficPercent}% of traffic`,
        trafficPercent: pct,
        soakSeconds: s.soakSeconds.trim() === '' ? null : Number(s.soakSeconds),
        gate: s.gate
      }
    })
  }
  const parsed = canaryPlanSchema.safeParse(candidate)
  if (parsed.success) return { ok: true, plan: parsed.data }
  return {
    ok: false,
    errors: parsed.error.issues.map((i) => {
      const row = typeof i.path[1] === 'number' ? `Step ${i.path[1] + 1}: ` : ''
      return `${row}${i.message}`
    })
  }
}
