import type { Handler } from '../api/handlers'
import type { HandlerContext } from '../api/handler-context'
import { NotFoundError, RuleViolation } from '../api/domain-error'
import type { Release } from '../../shared/release'
import type { ChecklistItem } from '../../shared/runbook'
import { PHASE_LABELS } from '../../shared/runbook'
import { ROLE_LABELS } from '../../shared/roles'
import { refuseItemChange, refuseNotDriver, refuseObserver } from './release-rules'
import { gateStates, requireRelease } from './room-state'
import { parseMarkdownChecklist, slugOf } from './markdown-checklist'
import { nowIso, record } from '../timeline/record'

function requireItem(ctx: HandlerContext, releaseId: string, itemId: string): ChecklistItem {
  const item = ctx.checklist.get(releaseId, itemId)
  if (!item) throw new NotFoundError('checklist item in this release', itemId)
  return item
}

/** Adding, editing and reordering items is part of planning; once the release is ready, the runbook is fixed. */
function requirePlanning(release: Release, actor: Parameters<typeof refuseNotDriver>[1], what: string): void {
  const refused =
    refuseObserver(actor, what) ??
    (release.status !== 'planning' ? `The checklist can only be changed while the release is in planning; it is ${release.status}.` : undefined) ??
    refuseNotDriver(release, actor, what)
  if (refused) throw new RuleViolation(refused)
}

const set: Handler<'checklist.set'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  const item = requireItem(ctx, release.id, input.itemId)
  const gateId = ctx.releases.gates(release.id).find((d) => d.phases.includes(item.phase))?.id
  const gate = gateStates(ctx, release).find((g) => g.id === gateId)
  const refused = refuseItemChange(release, item, input.status, input.note, input.actor, gate)
  if (refused) throw new RuleViolation(refused)
  ctx.checklist.setStatus(item.id, {
    status: input.status,
    note: input.note || null,
    evidence: input.evidence || null,
    actor: input.actor,
    at: nowIso(ctx)
  })
  const reason = input.note ? `: ${input.note}` : ''
  record(ctx, {
    releaseId: release.id,
    kind: 'checklist.item-changed',
    actor: input.actor,
    summary: `"${item.title}" ${item.status} → ${input.status}${reason}`,
    data: { itemId: item.id, key: item.key, from: item.status, to: input.status, note: input.note, evidence: input.evidence }
  })
  return ctx.checklist.get(release.id, item.id)!
}

const add: Handler<'checklist.add'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  requirePlanning(release, input.actor, 'add checklist items')
  const [item] = ctx.checklist.addAll(release.id, [{ ...input.item, key: slugOf(input.item.title), why: input.item.why ?? '' }])
  record(ctx, {
    releaseId: release.id,
    kind: 'checklist.item-added',
    actor: input.actor,
    summary: `Added "${item.title}" to ${PHASE_LABELS[item.phase]}, owned by the ${ROLE_LABELS[item.ownerRole]}${item.required ? '' : ' (optional)'}`,
    data: { itemId: item.id, key: item.key }
  })
  return item
}

const edit: Handler<'checklist.edit'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  requirePlanning(release, input.actor, 'edit checklist items')
  const item = requireItem(ctx, release.id, input.itemId)
  const next = { ...item, ...input.changes, why: input.changes.why ?? item.why }
  ctx.checklist.edit(item.id, next)
  const changed = Object.keys(input.changes).filter((k) => item[k as keyof ChecklistItem] !== next[k as keyof ChecklistItem])
  record(ctx, {
    releaseId: release.id,
    kind: 'checklist.item-edited',
    actor: input.actor,
    summary: `Edited "${item.title}" (${changed.join(', ') || 'no change'})`,
    data: { itemId: item.id, before: pick(item, changed), after: pick(next, changed) }
  })
  return ctx.checklist.get(release.id, item.id)!
}

function pick(o: ChecklistItem, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, o[k as keyof ChecklistItem]]))
}

const reorder: Handler<'checklist.reorder'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  requirePlanning(release, input.actor, 'reorder the checklist')
  const current = ctx.checklist.list(release.id)
  const given = new Set(input.itemIds)
  if (given.size !== input.itemIds.length || given.size !== current.length || current.some((i) => !given.has(i.id))) {
    throw new RuleViolation(`Send every item of this checklist exactly once, in the new order (${current.length} items).`)
  }
  ctx.checklist.reorder(input.itemIds)
  record(ctx, { releaseId: release.id, kind: 'checklist.reordered', actor: input.actor, summary: 'Reordered the checklist', data: { order: input.itemIds } })
  return ctx.checklist.list(release.id)
}

const importMarkdown: Handler<'checklist.import'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  requirePlanning(release, input.actor, 'import checklist items')
  const items = ctx.checklist.addAll(release.id, parseMarkdownChecklist(input.markdown, input.defaultPhase))
  record(ctx, {
    releaseId: release.id,
    kind: 'checklist.imported',
    actor: input.actor,
    summary: `Imported ${items.length} checklist item${items.length === 1 ? '' : 's'} from Markdown`,
    data: { itemIds: items.map((i) => i.id) }
  })
  return items
}

export const checklistHandlers = {
  'checklist.set': set,
  'checklist.add': add,
  'checklist.edit': edit,
  'checklist.reorder': reorder,
  'checklist.import': importMarkdown
}
