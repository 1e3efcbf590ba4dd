import canary from '../../../resources/templates/canary.json'
import blueGreen from '../../../resources/templates/blue-green.json'
import rolling from '../../../resources/templates/rolling.json'
import bigBang from '../../../resources/templates/big-bang.json'
import { runbookTemplateSchema, type RunbookTemplate } from '../../shared/runbook'
import type { Strategy } from '../../shared/release'

/**
 * The four runbooks the app ships, one per strategy, written from the Phase 7 playbook. They are data in
 * resources/templates and pass the same schema an imported file must pass; a malformed one stops start-up loudly
 * rather than seeding releases with half a checklist.
 */
function load(name: string, raw: unknown): RunbookTemplate {
  const parsed = runbookTemplateSchema.safeParse(raw)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    throw new Error(`Built-in template resources/templates/${name}.json is invalid at ${first.path.join('.')}: ${first.message}`)
  }
  return deepFreeze(parsed.data)
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}

export const BUILTIN_TEMPLATES: Record<Strategy, RunbookTemplate> = {
  canary: load('canary', canary),
  'blue-green': load('blue-green', blueGreen),
  rolling: load('rolling', rolling),
  'big-bang': load('big-bang', bigBang)
}

export function builtinTemplate(id: string): RunbookTemplate | undefined {
  return Object.values(BUILTIN_TEMPLATES).find((t) => t.id === id)
}
