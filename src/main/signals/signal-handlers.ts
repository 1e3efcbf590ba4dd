import { randomUUID } from 'node:crypto'
import type { Handler } from '../api/handlers'
import type { HandlerContext } from '../api/handler-context'
import { NotFoundError, RuleViolation } from '../api/domain-error'
import type { Actor } from '../../shared/roles'
import type { Release } from '../../shared/release'
import { refuseEnded, refuseObserver } from '../runbook/release-rules'
import { requireRelease } from '../runbook/room-state'
import { nowIso } from '../timeline/record'
import { canaryAnalyses, DEFAULT_CANARY_WINDOW_MS } from './canary-pairs'
import { canaryWindow, signalView } from './signal-room'
import { describeSource, describeThresholds, recordSignal } from './signal-record'
import type { SignalRecord } from './signal-store'

function requireSignal(ctx: HandlerContext, signalId: string): SignalRecord {
  const signal = ctx.signals.get(signalId)
  if (!signal) throw new NotFoundError('signal', signalId)
  return signal
}

function refuseChange(release: Release, actor: Actor, what: string): void {
  const refused = refuseObserver(actor, what) ?? refuseEnded(release, what)
  if (refused) throw new RuleViolation(refused)
}

/** Two signals of one release with the same name would be indistinguishable on the charts and in the timeline. */
function refuseDuplicateName(ctx: HandlerContext, releaseId: string, name: string, except?: string): void {
  const clash = ctx.signals.list(releaseId).find((s) => s.id !== except && s.definition.name.trim().toLowerCase() === name.trim().toLowerCase())
  if (clash) {
    throw new RuleViolation(`This release already watches a signal called "${clash.definition.name}"; give this one another name.`, [
      { path: 'signal.name', message: `"${clash.definition.name}" is taken on this release` }
    ])
  }
}

const add: Handler<'signals.add'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  refuseChange(release, input.actor, 'adding signals')
  refuseDuplicateName(ctx, release.id, input.signal.name)
  const created = ctx.signals.insert({ id: randomUUID(), releaseId: release.id, definition: input.signal, at: nowIso(ctx) })
  const d = created.definition
  recordSignal(ctx, {
    releaseId: release.id,
    kind: 'signal.added',
    actor: input.actor,
    summary: `Now watching "${d.name}"${d.role ? ` (${d.role})` : ''}: ${describeSource(d)}, every ${d.intervalMs / 1000} s; ${describeThresholds(d)}`,
    data: { signalId: created.id, definition: d }
  })
  return signalView(created)
}

const update: Handler<'signals.update'> = (input, ctx) => {
  const before = requireSignal(ctx, input.signalId)
  const release = requireRelease(ctx, before.releaseId)
  refuseChange(release, input.actor, 'changing signals')
  refuseDuplicateName(ctx, release.id, input.signal.name, before.id)
  const after = ctx.signals.define(before.id, input.signal, nowIso(ctx))
  const changed = Object.keys(after.definition).filter(
    (k) => JSON.stringify(after.definition[k as keyof typeof after.definition]) !== JSON.stringify(before.definition[k as keyof typeof before.definition])
  )
  recordSignal(ctx, {
    releaseId: release.id,
    kind: 'signal.updated',
    actor: input.actor,
    summary: `Changed "${after.definition.name}" (${changed.length ? changed.join(', ') : 'nothing'}): ${describeSource(after.definition)}; ${describeThresholds(after.definition)}`,
    data: { signalId: after.id, changed, before: before.definition, after: after.definition }
  })
  return signalView(after)
}

const remove: Handler<'signals.remove'> = (input, ctx) => {
  const signal = requireSignal(ctx, input.signalId)
  const release = requireRelease(ctx, signal.releaseId)
  refuseChange(release, input.actor, 'removing signals')
  ctx.samples.deleteSignal(signal.sid)
  ctx.signals.delete(signal.id)
  recordSignal(ctx, {
    releaseId: release.id,
    kind: 'signal.removed',
    actor: input.actor,
    summary: `Stopped watching "${signal.definition.name}"${input.reason ? `: ${input.reason}` : ''}`,
    data: { signalId: signal.id, definition: signal.definition, reason: input.reason ?? null }
  })
  return { signalId: signal.id, removed: true }
}

const samples: Handler<'signals.samples'> = (input, ctx) => {
  const signal = requireSignal(ctx, input.signalId)
  const to = input.to ?? ctx.clock.now()
  const from = input.from ?? 0
  const read = ctx.samples.range(signal.sid, from, to, input.maxPoints)
  return { signalId: signal.id, from, to, ...read }
}

const canary: Handler<'signals.canary'> = (input, ctx) => {
  requireRelease(ctx, input.releaseId)
  const fallback = canaryWindow(ctx, input.releaseId)
  const to = input.to ?? fallback.to
  const from = input.from ?? (input.to === undefined ? fallback.from : to - DEFAULT_CANARY_WINDOW_MS)
  if (from > to) throw new RuleViolation('The canary window must end after it starts; pick a later "to".', [{ path: 'to', message: 'before from' }])
  return canaryAnalyses(ctx, ctx.signals.list(input.releaseId), { from, to })
}

const FAULT_TEXT = { none: 'cleared the fault', errors: 'injected errors (5 % of canary requests fail)', latency: 'injected latency (canary p95 ≈ 450 ms)' }

const demo: Handler<'signals.demo'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  const current = ctx.demo.get(release.id)
  if (!current) {
    throw new RuleViolation(
      'Only the demo release has a simulated service to steer. On a real release, faults come from the service itself; watch its signals.'
    )
  }
  refuseChange(release, input.actor, 'steering the demo service')
  ctx.demo.setFault(release.id, input.fault)
  const next = ctx.demo.get(release.id)!
  const view = { origin: next.origin, fault: next.fault, trafficPercent: next.trafficPercent }
  recordSignal(ctx, {
    releaseId: release.id,
    kind: 'demo.control',
    actor: input.actor,
    summary: `Demo service: ${FAULT_TEXT[input.fault]}`,
    data: { fault: input.fault, previous: current.fault }
  })
  // Published after commit; the demo link posts it to the simulated service's /control endpoint.
  ctx.emit({ type: 'signal.demo', releaseId: release.id, demo: view })
  return view
}

/** Handlers for the signal methods in src/shared/api-signals.ts. */
export const signalHandlers = {
  'signals.add': add,
  'signals.update': update,
  'signals.remove': remove,
  'signals.samples': samples,
  'signals.canary': canary,
  'signals.demo': demo
}
