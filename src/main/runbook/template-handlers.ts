import { randomBytes } from 'node:crypto'
import type { Handler } from '../api/handlers'
import { DomainError, NotFoundError } from '../api/domain-error'
import { TEMPLATE_SCHEMA_ID, type RunbookTemplate } from '../../shared/runbook'
import { BUILTIN_TEMPLATES } from './builtin-templates'
import { parseTemplate, serializeTemplate } from './template-codec'
import { parseMarkdownChecklist, slugOf } from './markdown-checklist'
import { refuseObserver } from './release-rules'
import { nowIso, record } from '../timeline/record'
import { requireRelease } from './room-state'
import { readRollout } from '../rollout/rollout-load'
import { signalSetOf } from '../signals/template-signals'

const list: Handler<'templates.list'> = (_input, ctx) => ctx.templates.list()

const get: Handler<'templates.get'> = (input, ctx) => {
  const t = ctx.templates.get(input.templateId)
  if (!t) throw new NotFoundError('template', input.templateId)
  return t
}

/**
 * An imported template gets a fresh id when its own is taken, so importing the same file twice, or a copy of a
 * built-in, never overwrites anything. A Markdown checklist borrows the gates of its strategy's built-in runbook.
 */
const importTemplate: Handler<'templates.import'> = (input, ctx) => {
  const refused = refuseObserver(input.actor, 'import templates')
  if (refused) throw new DomainError('rule_violation', refused)
  let template: RunbookTemplate
  if (input.format === 'markdown') {
    if (!input.name || !input.strategy) {
      throw new DomainError('invalid_input', 'A Markdown checklist has no name or strategy of its own: send name and strategy with it.', [
        ...(input.name ? [] : [{ path: 'name', message: 'name is required for a Markdown checklist' }]),
        ...(input.strategy ? [] : [{ path: 'strategy', message: 'strategy is required for a Markdown checklist' }])
      ])
    }
    const base = BUILTIN_TEMPLATES[input.strategy]
    template = {
      schema: TEMPLATE_SCHEMA_ID,
      id: slugOf(input.name),
      name: input.name,
      strategy: input.strategy,
      description: `Imported from a Markdown checklist; gates from "${base.name}".`,
      items: parseMarkdownChecklist(input.content),
      gates: base.gates
    }
  } else {
    template = parseTemplate(input.content, input.format)
  }
  if (ctx.templates.exists(template.id)) template = { ...template, id: `${template.id.slice(0, 50)}-${randomBytes(3).toString('hex')}` }
  ctx.templates.insert(template, input.actor, nowIso(ctx))
  return { id: template.id, name: template.name, strategy: template.strategy, builtin: false, itemCount: template.items.length }
}

const exportTemplate: Handler<'templates.export'> = (input, ctx) => {
  const t = get({ templateId: input.templateId }, ctx)
  return {
    filename: `${t.id}.${input.format === 'json' ? 'json' : 'yaml'}`,
    contentType: input.format === 'json' ? 'application/json' : 'application/yaml',
    content: serializeTemplate(t, input.format)
  }
}

const fromRelease: Handler<'templates.fromRelease'> = (input, ctx) => {
  const refused = refuseObserver(input.actor, 'save templates')
  if (refused) throw new DomainError('rule_violation', refused)
  const release = requireRelease(ctx, input.releaseId)
  const rollout = readRollout(ctx, release)
  let template: RunbookTemplate = {
    schema: TEMPLATE_SCHEMA_ID,
    id: slugOf(input.name),
    name: input.name,
    strategy: release.strategy,
    description: `Saved from "${release.title}" (${release.service} ${release.version}).`,
    items: ctx.checklist.list(release.id).map((i) => ({ key: i.key, phase: i.phase, title: i.title, why: i.why, ownerRole: i.ownerRole, required: i.required })),
    gates: ctx.releases.gates(release.id),
    plan: rollout.plan,
    rollout: rollout.template,
    signals: signalSetOf(ctx, release.id)
  }
  if (ctx.templates.exists(template.id)) template = { ...template, id: `${template.id.slice(0, 50)}-${randomBytes(3).toString('hex')}` }
  ctx.templates.insert(template, input.actor, nowIso(ctx))
  record(ctx, {
    releaseId: release.id,
    kind: 'note',
    actor: input.actor,
    summary: `Saved this release's runbook as the template "${template.name}" (${template.items.length} items, ${template.signals?.length ?? 0} signals)`,
    data: { templateId: template.id }
  })
  return { id: template.id, name: template.name, strategy: template.strategy, builtin: false, itemCount: template.items.length }
}

export const templateHandlers = {
  'templates.list': list,
  'templates.get': get,
  'templates.import': importTemplate,
  'templates.export': exportTemplate,
  'templates.fromRelease': fromRelease
}
