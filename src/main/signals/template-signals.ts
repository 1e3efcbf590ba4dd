import { randomUUID } from 'node:crypto'
import type { HandlerContext } from '../api/handler-context'
import type { Actor } from '../../shared/roles'
import type { SignalDefinition } from '../../shared/signal'
import { describeSource, describeThresholds, recordSignal } from './signal-record'

/** A new release starts watching the signals its runbook template names, each one on its timeline. */
export function watchTemplateSignals(ctx: HandlerContext, releaseId: string, definitions: readonly SignalDefinition[], actor: Actor): void {
  for (const definition of definitions) {
    const created = ctx.signals.insert({ id: randomUUID(), releaseId, definition, at: new Date(ctx.clock.now()).toISOString() })
    const d = created.definition
    recordSignal(ctx, {
      releaseId,
      kind: 'signal.added',
      actor,
      summary: `Now watching "${d.name}" from the runbook template: ${describeSource(d)}, every ${d.intervalMs / 1000} s; ${describeThresholds(d)}`,
      data: { signalId: created.id, definition: d, fromTemplate: true }
    })
  }
}

/** The release's signals as a template holds them: their definitions, without anything of this release. */
export function signalSetOf(ctx: HandlerContext, releaseId: string): SignalDefinition[] {
  return ctx.signals.list(releaseId).map((s) => s.definition)
}
