import type { HandlerContext } from '../api/handler-context'
import type { Release } from '../../shared/release'
import type { Actor } from '../../shared/roles'
import type { RolloutState } from '../../shared/rollout'
import type { TimelineKind } from '../../shared/timeline'
import { record } from '../timeline/record'
import { evaluateHealthGate } from '../signals/health-gate'
import { notice, refuse } from './rollout-load'
import { recordGateResult, type Transition } from './rollout-machine'
import type { RolloutRecord } from './rollout-stores'
import { deploymentFigures } from './deployment-figures'
import { openIncident } from './incident-opener'

/**
 * Carrying out what the rollout machine decided, inside the caller's transaction: the state is saved, the change is
 * written to the timeline (which is what makes every client refetch), and the machine's effects that need no waiting
 * are done at once (a gate evaluated, an incident opened). Step actions need the network, so the background service
 * picks them up from the saved state instead.
 */

export interface EntryInput {
  kind: TimelineKind
  actor: Actor | null
  /** The timeline's sentence; the machine's own notices when omitted. */
  summary?: string
  data?: Record<string, unknown>
}

/** Saves an accepted transition, records it, and carries out its immediate effects. A refusal becomes a 409. */
export function applyTransition(ctx: HandlerContext, release: Release, rec: RolloutRecord, t: Transition, entry: EntryInput): RolloutState {
  if (!t.ok) {
    refuse(t.reasons)
    return rec.state
  }
  // First use: the defaults (template included) are copied into the release only now that something is saved.
  if (!ctx.rollouts.get(release.id)) ctx.rollouts.insert(rec, ctx.clock.now())
  ctx.rollouts.save(release.id, rec.plan, t.state, ctx.clock.now())
  const said = t.effects.flatMap((e) => (e.kind === 'notify' ? [e.text] : []))
  record(ctx, {
    releaseId: release.id,
    kind: entry.kind,
    actor: entry.actor,
    summary: entry.summary ?? (said.join(' ') || `The rollout is ${t.state.status}.`),
    data: { rolloutStatus: t.state.status, ...entry.data }
  })
  let state = t.state
  for (const effect of t.effects) {
    if (effect.kind === 'open-incident') {
      notice(ctx, release.id, 'gate-failed', 'Gate failed', effect.summary)
      const step = state.steps.find((s) => s.id === effect.stepId)
      openIncident(ctx, {
        releaseId: release.id,
        severity: effect.severity,
        summary: effect.summary,
        source: 'gate',
        stepId: effect.stepId,
        data: { stepId: effect.stepId, verdict: step?.verdict ?? null }
      })
    } else if (effect.kind === 'evaluate-gate') {
      state = evaluateGateNow(ctx, release, { ...rec, state }, effect.stepId)
    }
  }
  saveFigures(ctx, release.id, state)
  return state
}

function numericValues(values: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])))
}

/**
 * A health gate judged from live signals over the step's soak. With no signal data (no monitoring yet, or none for
 * this release) the gate waits for the SRE or DevOps lead: a silent pass would be a guess.
 */
export function evaluateGateNow(ctx: HandlerContext, release: Release, rec: RolloutRecord, stepId: string): RolloutState {
  const step = rec.state.steps.find((s) => s.id === stepId)
  if (!step || step.state !== 'awaiting-gate') return rec.state
  const now = ctx.clock.now()
  let result: ReturnType<typeof evaluateHealthGate>
  try {
    result = evaluateHealthGate(ctx, release.id, { from: step.soakStartedAt ?? step.startedAt ?? now, to: step.soakEndsAt ?? now })
  } catch (e) {
    console.error('health gate evaluation failed', e)
    result = { outcome: 'no-data', summary: `The signals could not be read (${e instanceof Error ? e.message : String(e)}).`, values: {} }
  }
  if (result.outcome === 'no-data') {
    record(ctx, {
      releaseId: release.id,
      kind: 'rollout.gate',
      actor: null,
      summary: `The health gate of "${step.label}" has no signal data to judge (${result.summary.replace(/\.$/, '')}); it waits for the SRE or DevOps lead to pass or fail it.`,
      data: { stepId, outcome: 'no-data', values: result.values }
    })
    return rec.state
  }
  const t = recordGateResult(rec.state, { stepId, result: result.outcome, by: 'signals', values: numericValues(result.values), now })
  if (!t.ok) return rec.state
  return applyTransition(ctx, release, rec, t, {
    kind: 'rollout.gate',
    actor: null,
    summary: `The health gate of "${step.label}" ${result.outcome === 'pass' ? 'passed' : 'failed'} on its signals: ${result.summary}`,
    data: { stepId, outcome: result.outcome, by: 'signals', values: result.values }
  })
}

/** The deployment figures as they stand now, stored on the release so the record keeps them after the window. */
export function saveFigures(ctx: HandlerContext, releaseId: string, state?: RolloutState): void {
  const rec = ctx.rollouts.get(releaseId)
  if (!rec) return
  const now = ctx.clock.now()
  const rollout = state ?? rec.state
  const figures = deploymentFigures({
    rollout,
    rollback: ctx.rollbacks.get(releaseId),
    incidents: ctx.incidents.list(releaseId).map((i) => ({ ...i, decidedAt: i.decidedAt ?? i.resolvedAt })),
    now,
    targets: rec.template.targets,
    triggers: rec.template.triggers
  })
  ctx.deploymentFigures.save(releaseId, figures, rollout.rolledBackAt, now)
}
