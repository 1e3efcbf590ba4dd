import { rolloutPlanSchema, type RolloutPlan } from '../../../shared/rollout'

/**
 * Blue-green, rolling and big-bang plans are a handful of numbers and choices, so they are edited as labelled fields.
 * Each field maps to one path in the plan; the plan the fields make is checked by the host's own schema, and its
 * problems come back named by the field's label rather than a JSON path.
 */

export type FieldPlan = Exclude<RolloutPlan, { strategy: 'canary' }>
export type FieldStrategy = FieldPlan['strategy']

export type PlanField =
  | { key: string; label: string; kind: 'number'; unit: string; hint?: string }
  | { key: string; label: string; kind: 'choice'; options: readonly string[]; hint?: string }
  /** Optional: empty leaves it out of the plan. */
  | { key: string; label: string; kind: 'url' | 'time'; hint?: string }

const smokeGate = (key: string): PlanField => ({
  key,
  label: 'Smoke test judged by',
  kind: 'choice',
  options: ['manual', 'health'],
  hint: 'manual: a person passes it; health: the live signals decide at the end of the soak'
})

export const PLAN_FIELDS: Record<FieldStrategy, readonly PlanField[]> = {
  'blue-green': [
    smokeGate('smokeTestGate'),
    { key: 'soakAfterSwitchSeconds', label: 'Watch green after the switch', kind: 'number', unit: 'seconds' },
    { key: 'rollbackWindowMinutes', label: 'Keep blue ready for', kind: 'number', unit: 'minutes', hint: 'the instant-rollback window' },
    { key: 'actions.deployGreen.url', label: 'Deploy green: POST to', kind: 'url' },
    { key: 'actions.switchTraffic.url', label: 'Switch traffic: POST to', kind: 'url' }
  ],
  rolling: [
    { key: 'instances', label: 'Instances', kind: 'number', unit: 'in the cluster' },
    { key: 'batchSize', label: 'Batch size', kind: 'number', unit: 'instances at a time' },
    { key: 'soakSeconds', label: 'Soak after each batch', kind: 'number', unit: 'seconds' },
    { key: 'gate', label: 'Each batch judged by', kind: 'choice', options: ['health', 'manual', 'none'] },
    { key: 'action.url', label: 'Each batch: POST to', kind: 'url' }
  ],
  'big-bang': [
    { key: 'maintenanceWindow.start', label: 'Maintenance window starts', kind: 'time', hint: 'ISO time, such as 2026-01-25T02:00:00Z' },
    { key: 'maintenanceWindow.end', label: 'Maintenance window ends', kind: 'time' },
    { key: 'expectedDowntimeMinutes', label: 'Expected downtime', kind: 'number', unit: 'minutes' },
    smokeGate('smokeTestGate'),
    { key: 'watchSeconds', label: 'Watch health after it is back', kind: 'number', unit: 'seconds' },
    { key: 'actions.deploy.url', label: 'Deploy: POST to', kind: 'url' }
  ]
}

/** What the inputs hold: every field as text, keyed by its path. */
export type FieldValues = Record<string, string>

function readPath(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((at, part) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined), obj)
}

function writePath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.')
  let at = obj
  for (const part of parts.slice(0, -1)) {
    at[part] = (at[part] as Record<string, unknown> | undefined) ?? {}
    at = at[part] as Record<string, unknown>
  }
  at[parts[parts.length - 1]] = value
}

export function fieldValuesOf(plan: FieldPlan): FieldValues {
  const values: FieldValues = {}
  for (const f of PLAN_FIELDS[plan.strategy]) {
    const v = readPath(plan, f.key)
    values[f.key] = v === undefined || v === null ? '' : String(v)
  }
  return values
}

export type PlanFromFields = { ok: true; plan: FieldPlan } | { ok: false; errors: string[] }

export function planFromFields(strategy: FieldStrategy, values: FieldValues): PlanFromFields {
  const fields = PLAN_FIELDS[strategy]
  const raw: Record<string, unknown> = { strategy }
  const errors: string[] = []
  for (const f of fields) {
    const text = (values[f.key] ?? '').trim()
    if (f.kind === 'number') {
      // An empty number is left out, so the schema's default (or its "required" message) applies.
      if (text === '') continue
      const n = Number(text)
      if (!Number.isFinite(n)) errors.push(`${f.label}: "${text}" is not a number`)
      else writePath(raw, f.key, n)
    } else if (text !== '') {
      writePath(raw, f.key, text)
    }
  }
  // Half a maintenance window is a mistake worth naming; none at all is allowed.
  if (strategy === 'big-bang') {
    const start = (values['maintenanceWindow.start'] ?? '').trim()
    const end = (values['maintenanceWindow.end'] ?? '').trim()
    if (Boolean(start) !== Boolean(end)) errors.push('Maintenance window: give both its start and its end, or neither')
  }
  if (errors.length) return { ok: false, errors }

  const parsed = rolloutPlanSchema.safeParse(raw)
  if (parsed.success) return { ok: true, plan: parsed.data as FieldPlan }
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => {
      const path = issue.path.join('.')
      const field = fields.find((f) => f.key === path || f.key.startsWith(`${path}.`))
      return `${field?.label ?? (path || 'Plan')}: ${issue.message}`
    })
  }
}
