import type { Handler } from '../api/handlers'
import type { HandlerContext } from '../api/handler-context'
import { DomainError, NotFoundError, RuleViolation } from '../api/domain-error'
import type { Release } from '../../shared/release'
import { STRATEGY_LABELS } from '../../shared/release'
import type { Actor } from '../../shared/roles'
import { ROLE_LABELS } from '../../shared/roles'
import type { RolloutPlan } from '../../shared/rollout'
import { OUTCOME_LABELS } from '../../shared/rollout'
import { isAccountableOwner, refuseEnded, refuseNotDriver } from '../runbook/release-rules'
import { requireRelease } from '../runbook/room-state'
import { nowIso, record } from '../timeline/record'
import { importArgoRollout } from './argo-import'
import { answerDecision, outcomeRollsBack } from './decision-walk'
import { formatDuration } from './duration-text'
import { openIncident } from './incident-opener'
import { completeRollbackStep, startRollbackProcedure } from './rollback-procedure'
import { applyTransition, saveFigures } from './rollout-apply'
import { readRollout, refuse } from './rollout-load'
import * as machine from './rollout-machine'
import { incidentView, PLANNING_STAGES, rolloutView } from './rollout-room'
import type { StoredIncident } from './rollout-stores'

/**
 * Handlers for the rollout methods in src/shared/api-rollout.ts. Who may do what, where the issue is silent:
 *
 * - The plan, start, advance (with or without an override), resume and abort are steering: the DevOps lead, who runs
 *   the window, or the accountable owner, who answers for it (the same pair that may advance the release).
 * - Hold is also open to the SRE: users of rollout controllers ask to pause on a doubtful signal, and the SRE is the
 *   one watching the signals. A hold stops progress and loses nothing, so a wider circle is safe.
 * - A gate is passed or failed by hand by the SRE or the DevOps lead (the rollout machine's rule).
 * - Anyone in the room may open an incident, observers included: raising the alarm decides nothing.
 * - The incident's owner walks the decision tree and resolves it: the accountable owner or the DevOps lead.
 * - A rollback step is ticked by its owner role, the DevOps lead or the accountable owner, as checklist items are.
 * - The rollout starts only in production. The playbook's staging step is a dress rehearsal of the deployment, kept
 *   as the staging checklist and its gate; running this rollout there would measure deployment time from the wrong
 *   start and lock the plan before production. So the plan stays editable through staging and starts in production.
 */

const now = (ctx: HandlerContext) => ctx.clock.now()

function refusePlanChange(release: Release, actor: Actor, what: string): void {
  refuse([
    refuseEnded(release, what) ??
      refuseNotDriver(release, actor, 'change the rollout plan') ??
      (PLANNING_STAGES.includes(release.status)
        ? undefined
        : `The plan can be changed only before production; this release is in ${release.status}. Hold or abort the rollout instead.`)
  ])
}

function refuseStrategy(release: Release, plan: RolloutPlan): void {
  if (plan.strategy !== release.strategy) {
    refuse([
      `This release uses the ${STRATEGY_LABELS[release.strategy]} strategy; a ${STRATEGY_LABELS[plan.strategy]} plan does not fit it. Its runbook and gates were made for ${STRATEGY_LABELS[release.strategy]}.`
    ])
  }
}

function describePlan(plan: RolloutPlan): string {
  switch (plan.strategy) {
    case 'canary':
      return plan.steps.map((s) => `${s.trafficPercent}%${s.soakSeconds === null ? ' (until passed)' : s.soakSeconds ? ` for ${formatDuration(s.soakSeconds * 1000)}` : ''}`).join(' → ')
    case 'blue-green':
      return `blue-green, ${formatDuration(plan.soakAfterSwitchSeconds * 1000)} soak after the switch, blue kept ${plan.rollbackWindowMinutes} min`
    case 'rolling':
      return `${plan.instances} instances in batches of ${plan.batchSize}, ${formatDuration(plan.soakSeconds * 1000)} soak each`
    case 'big-bang':
      return `big bang, ${plan.expectedDowntimeMinutes} min expected downtime`
  }
}

function savePlan(ctx: HandlerContext, release: Release, plan: RolloutPlan, actor: Actor, data: Record<string, unknown>) {
  const rec = readRollout(ctx, release)
  const t = machine.replacePlan(rec.state, plan)
  applyTransition(ctx, release, { ...rec, plan }, t, {
    kind: 'rollout.plan-set',
    actor,
    summary: `Set the rollout plan: ${describePlan(plan)}${data.source === 'argo' ? ' (imported from an Argo Rollouts manifest)' : ''}`,
    data: { plan, ...data }
  })
  return rolloutView(release, ctx.rollouts.get(release.id)!, true)
}

const planSet: Handler<'rollout.plan.set'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  refusePlanChange(release, input.actor, 'changing the plan')
  refuseStrategy(release, input.plan)
  return savePlan(ctx, release, input.plan, input.actor, { source: 'editor' })
}

const importArgo: Handler<'rollout.plan.importArgo'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  refusePlanChange(release, input.actor, 'importing a plan')
  if (release.strategy !== 'canary') {
    refuse([`An Argo Rollouts import brings canary steps, but this release uses the ${STRATEGY_LABELS[release.strategy]} strategy.`])
  }
  const imported = importArgoRollout(input.manifest)
  if (!imported.ok) {
    throw new DomainError(
      'invalid_input',
      imported.error.message,
      imported.error.issues.map((i) => ({ path: `${i.path || 'manifest'}${i.line ? ` (line ${i.line})` : ''}`, message: i.message }))
    )
  }
  const { plan, rolloutName, skipped, notes } = imported.value
  const rollout = savePlan(ctx, release, plan, input.actor, { source: 'argo', rolloutName, skipped, notes })
  return { rollout, rolloutName, skipped, notes }
}

/** Loads the release and its rollout for a steering action, refusing an ended release and anyone but the drivers. */
function steer(ctx: HandlerContext, releaseId: string, actor: Actor, what: string, alsoAllowed: Actor['role'][] = []) {
  const release = requireRelease(ctx, releaseId)
  const ended = refuseEnded(release, what)
  const driver = alsoAllowed.includes(actor.role) ? undefined : refuseNotDriver(release, actor, what)
  refuse([ended ?? driver])
  return { release, rec: readRollout(ctx, release) }
}

const view = (ctx: HandlerContext, release: Release) => rolloutView(ctx.releases.get(release.id)!, ctx.rollouts.get(release.id)!, true)

const start: Handler<'rollout.start'> = (input, ctx) => {
  const { release, rec } = steer(ctx, input.releaseId, input.actor, 'start the rollout')
  if (release.status === 'staging') {
    refuse([
      'The rollout starts in production. Staging is the dress rehearsal, tracked by the staging checklist and its gate; advance the release to production first.'
    ])
  }
  if (release.status !== 'production') {
    refuse([`The rollout starts once the release is in production; it is in ${release.status}. Pass the gates up to production first.`])
  }
  applyTransition(ctx, release, rec, machine.start(rec.state, { actor: input.actor, now: now(ctx) }), { kind: 'rollout.started', actor: input.actor })
  return view(ctx, release)
}

const advance: Handler<'rollout.advance'> = (input, ctx) => {
  const { release, rec } = steer(ctx, input.releaseId, input.actor, 'advance the rollout')
  const before = rec.state.steps[machine.currentStepIndex(rec.state)]
  const t = machine.advance(rec.state, { actor: input.actor, now: now(ctx), override: input.override })
  if (t.ok && input.override && before && before.state !== 'pending') {
    // The override is a vote: who, why, and the verdict it set aside, recorded before the move it allows.
    const overridden = before.verdict?.result === 'fail' ? before.verdict : null
    record(ctx, {
      releaseId: release.id,
      kind: 'rollout.override',
      actor: input.actor,
      summary: `${ROLE_LABELS[input.actor.role]} voted to override the gate of "${before.label}" (${overridden ? `failed${overridden.rationale ? `: ${overridden.rationale}` : ''}` : `${before.state}, not yet evaluated`}): ${input.override.rationale}`,
      data: { stepId: before.id, verdict: 'override', rationale: input.override.rationale, stepState: before.state, overridden }
    })
  }
  const completed = t.ok && t.state.status === 'completed'
  applyTransition(ctx, release, rec, t, { kind: completed ? 'rollout.completed' : 'rollout.advanced', actor: input.actor })
  return view(ctx, release)
}

const hold: Handler<'rollout.hold'> = (input, ctx) => {
  const { release, rec } = steer(ctx, input.releaseId, input.actor, 'hold the rollout', ['sre'])
  applyTransition(ctx, release, rec, machine.hold(rec.state, { actor: input.actor, reason: input.reason, now: now(ctx) }), {
    kind: 'rollout.held',
    actor: input.actor,
    data: { reason: input.reason }
  })
  return view(ctx, release)
}

const resume: Handler<'rollout.resume'> = (input, ctx) => {
  const { release, rec } = steer(ctx, input.releaseId, input.actor, 'resume the rollout')
  applyTransition(ctx, release, rec, machine.resume(rec.state, { actor: input.actor, now: now(ctx) }), { kind: 'rollout.resumed', actor: input.actor })
  return view(ctx, release)
}

const abort: Handler<'rollout.abort'> = (input, ctx) => {
  const { release, rec } = steer(ctx, input.releaseId, input.actor, 'abort the rollout')
  applyTransition(ctx, release, rec, machine.abort(rec.state, { actor: input.actor, reason: input.reason, now: now(ctx) }), {
    kind: 'rollout.aborted',
    actor: input.actor,
    data: { reason: input.reason }
  })
  return view(ctx, release)
}

const gate: Handler<'rollout.gate'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  refuse([refuseEnded(release, 'judging a gate')])
  const rec = readRollout(ctx, release)
  const step = rec.state.steps.find((s) => s.id === input.stepId)
  const t = machine.recordGateResult(rec.state, {
    stepId: input.stepId,
    result: input.result,
    by: 'manual',
    actor: input.actor,
    rationale: input.rationale,
    severity: input.severity,
    now: now(ctx)
  })
  applyTransition(ctx, release, rec, t, {
    kind: 'rollout.gate',
    actor: input.actor,
    summary: `${ROLE_LABELS[input.actor.role]} ${input.result === 'pass' ? 'passed' : 'failed'} the gate of "${step?.label ?? input.stepId}" by hand: ${input.rationale}`,
    data: { stepId: input.stepId, outcome: input.result, by: 'manual', rationale: input.rationale }
  })
  return view(ctx, release)
}

// ---------------------------------------------------------------------------------------------------------------
// Incidents and the decision tree

function requireIncident(ctx: HandlerContext, releaseId: string, incidentId: string): StoredIncident {
  const incident = ctx.incidents.get(releaseId, incidentId)
  if (!incident) throw new NotFoundError('incident on this release', incidentId)
  return incident
}

function refuseNotIncidentOwner(release: Release, actor: Actor, what: string): string | undefined {
  if (actor.role !== 'devops-lead' && !isAccountableOwner(release, actor)) {
    return `Only the incident's owner can ${what}: the accountable owner (${release.owner}) or the DevOps lead.`
  }
}

const openByHand: Handler<'incidents.open'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  refuse([refuseEnded(release, 'opening an incident')])
  const { incidentId } = openIncident(ctx, { releaseId: release.id, severity: input.severity, summary: input.summary, source: 'person', actor: input.actor })
  saveFigures(ctx, release.id)
  const rec = ctx.rollouts.get(release.id)!
  return incidentView(rec.template.decisionTree, requireIncident(ctx, release.id, incidentId))
}

const answer: Handler<'incidents.answer'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  const incident = requireIncident(ctx, release.id, input.incidentId)
  refuse([
    refuseEnded(release, 'walking the decision tree'),
    refuseNotIncidentOwner(release, input.actor, 'walk the decision tree'),
    incident.resolvedAt !== null ? `This incident was resolved${incident.resolution ? ` ("${incident.resolution}")` : ''}; open a new one if the problem is back.` : undefined
  ])
  const rec = readRollout(ctx, release)
  const tree = rec.template.decisionTree
  const at = now(ctx)
  const walked = answerDecision(tree, incident.answers, { nodeId: input.nodeId, answer: input.answer, actor: input.actor, rationale: input.rationale, at })
  if (!walked.ok) {
    refuse(walked.reasons)
    return incidentView(tree, incident)
  }
  const rollsBack = walked.position.kind === 'outcome' && outcomeRollsBack(walked.position.node.outcome) && !ctx.rollbacks.get(release.id)
  if (rollsBack && rec.state.status === 'not-started') {
    refuse(['The rollout has not started, so nothing is deployed to roll back. Resolve the incident instead, or abort the release if it should not ship.'])
  }
  const question = tree.nodes.find((n) => n.id === input.nodeId)
  record(ctx, {
    releaseId: release.id,
    kind: 'incident.answered',
    actor: input.actor,
    summary: `Answered "${question && question.kind === 'question' ? question.text : input.nodeId}" ${input.answer.toUpperCase()} for the ${incident.severity} incident "${incident.summary}": ${input.rationale}`,
    data: { incidentId: incident.id, nodeId: input.nodeId, answer: input.answer, rationale: input.rationale }
  })
  const position = walked.position
  if (position.kind === 'outcome') {
    const outcome = position.node.outcome
    ctx.incidents.setAnswers(incident.id, walked.answers, { decidedAt: at, outcome })
    const took = formatDuration(at - incident.detectedAt)
    const deadlineNote = incident.deadline === null ? '' : at <= incident.deadline ? ', within its deadline' : ', after its deadline had passed'
    record(ctx, {
      releaseId: release.id,
      kind: 'incident.decided',
      actor: input.actor,
      summary: `Decided for the ${incident.severity} incident "${incident.summary}": ${OUTCOME_LABELS[outcome]} (${took} after detection${deadlineNote}). ${position.node.text}`,
      data: { incidentId: incident.id, outcome, decidedAt: at, timeToDecisionMs: at - incident.detectedAt, path: walked.answers.map((a) => ({ nodeId: a.nodeId, answer: a.answer })) }
    })
    if (outcomeRollsBack(outcome)) {
      startRollback(ctx, release, incident, input.actor, `${OUTCOME_LABELS[outcome]} after the ${incident.severity} incident "${incident.summary}": ${input.rationale}`)
    }
  } else {
    ctx.incidents.setAnswers(incident.id, walked.answers, null)
  }
  saveFigures(ctx, release.id)
  return incidentView(tree, requireIncident(ctx, release.id, incident.id))
}

/** The decision to roll back: the rollout stops where it is and the timed rollback procedure starts. */
function startRollback(ctx: HandlerContext, release: Release, incident: StoredIncident, actor: Actor, reason: string): void {
  if (ctx.rollbacks.get(release.id)) {
    record(ctx, {
      releaseId: release.id,
      kind: 'rollback.started',
      actor,
      summary: `The rollback is already under way; the ${incident.severity} incident "${incident.summary}" joins it.`,
      data: { incidentId: incident.id, joined: true }
    })
    return
  }
  const rec = readRollout(ctx, release)
  const at = now(ctx)
  const t = machine.beginRollback(rec.state, { actor, reason, now: at })
  if (!t.ok) {
    refuse(
      rec.state.status === 'not-started'
        ? ['The rollout has not started, so nothing is deployed to roll back. Resolve the incident instead, or abort the release if it should not ship.']
        : t.reasons
    )
  }
  const procedure = startRollbackProcedure(rec.template.rollback, { reason, actor, now: at })
  if (!procedure.ok) refuse(procedure.reasons)
  if (!t.ok || !procedure.ok) return
  ctx.rollbacks.insert(release.id, incident.id, procedure.procedure)
  applyTransition(ctx, release, rec, t, {
    kind: 'rollback.started',
    actor,
    summary: `${actor.name} started the rollback: ${reason}. ${procedure.procedure.steps.length} steps, target ${procedure.procedure.targetMinutes} minutes.`,
    data: { incidentId: incident.id, reason, targetMinutes: procedure.procedure.targetMinutes, decidedAt: at }
  })
}

const resolve: Handler<'incidents.resolve'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  const incident = requireIncident(ctx, release.id, input.incidentId)
  const rollback = ctx.rollbacks.get(release.id)
  refuse([
    refuseNotIncidentOwner(release, input.actor, 'resolve it'),
    incident.resolvedAt !== null ? 'This incident is already resolved.' : undefined,
    incident.outcome && outcomeRollsBack(incident.outcome) && rollback && rollback.finishedAt === null
      ? 'The decision for this incident was to roll back; it resolves when the last rollback step is done.'
      : undefined
  ])
  const at = now(ctx)
  ctx.incidents.resolve(incident.id, at, input.actor, input.resolution)
  record(ctx, {
    releaseId: release.id,
    kind: 'incident.resolved',
    actor: input.actor,
    summary: `Resolved the ${incident.severity} incident "${incident.summary}" after ${formatDuration(at - incident.detectedAt)}: ${input.resolution}`,
    data: { incidentId: incident.id, resolution: input.resolution, resolvedAt: at }
  })
  saveFigures(ctx, release.id)
  const rec = ctx.rollouts.get(release.id)
  return incidentView(rec?.template.decisionTree ?? readRollout(ctx, release).template.decisionTree, requireIncident(ctx, release.id, incident.id))
}

// ---------------------------------------------------------------------------------------------------------------
// The rollback procedure

const completeStep: Handler<'rollback.completeStep'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  const procedure = ctx.rollbacks.get(release.id)
  if (!procedure) throw new RuleViolation('No rollback is under way on this release; a rollback starts when an incident\'s decision is to roll back.')
  const step = procedure.steps.find((s) => s.id === input.stepId)
  refuse([
    step && input.actor.role !== step.ownerRole && input.actor.role !== 'devops-lead' && !isAccountableOwner(release, input.actor)
      ? `"${step.title}" is owned by the ${ROLE_LABELS[step.ownerRole]}; only that role, the DevOps lead or the accountable owner (${release.owner}) can tick it.`
      : undefined
  ])
  const at = now(ctx)
  const done = completeRollbackStep(procedure, { stepId: input.stepId, actor: input.actor, note: input.note, now: at })
  if (!done.ok) {
    refuse(done.reasons)
    return procedure
  }
  ctx.rollbacks.save(release.id, done.procedure)
  const ticked = done.procedure.steps.filter((s) => s.doneAt !== null).length
  record(ctx, {
    releaseId: release.id,
    kind: 'rollback.step-done',
    actor: input.actor,
    summary: `Rollback step done (${ticked} of ${done.procedure.steps.length}): ${step?.title ?? input.stepId}${input.note ? `: ${input.note}` : ''}`,
    data: { stepId: input.stepId, note: input.note ?? null, elapsedMs: at - procedure.decidedAt }
  })
  if (done.finished) finishRollback(ctx, release, done.procedure.reason, procedure.decidedAt, procedure.targetMinutes, procedure.incidentId, at)
  else saveFigures(ctx, release.id)
  return done.procedure
}

/** The last rollback step is done: the release ends rolled-back, with its reason and rollback time on the record. */
// `at` is the instant the last step was ticked, the same one the procedure recorded, so the figure and the record agree.
function finishRollback(ctx: HandlerContext, release: Release, reason: string, decidedAt: number, targetMinutes: number, incidentId: string | null, at: number): void {
  const rec = readRollout(ctx, release)
  const t = machine.finishRollback(rec.state, { now: at })
  const tookMs = at - decidedAt
  const met = tookMs <= targetMinutes * 60_000
  ctx.releases.setStatus(release.id, 'rolled-back', reason, nowIso(ctx))
  applyTransition(ctx, release, rec, t, {
    kind: 'release.rolled-back',
    actor: null,
    summary: `Rolled back from ${release.status} in ${formatDuration(tookMs)} (target ${targetMinutes} min, ${met ? 'met' : 'missed'}): ${reason}`,
    data: { from: release.status, reason, rollbackMs: tookMs, targetMinutes, met, decidedAt, rolledBackAt: at, incidentId }
  })
  // The version the incidents were about is gone; each open incident closes with the rollback, on the record.
  for (const open of ctx.incidents.list(release.id).filter((i) => i.resolvedAt === null)) {
    ctx.incidents.resolve(open.id, at, null, 'Resolved by the rollback')
    record(ctx, {
      releaseId: release.id,
      kind: 'incident.resolved',
      actor: null,
      summary: `The ${open.severity} incident "${open.summary}" closed with the rollback.`,
      data: { incidentId: open.id, resolution: 'Resolved by the rollback', resolvedAt: at }
    })
  }
  saveFigures(ctx, release.id)
  ctx.emit({ type: 'release.updated', release: ctx.releases.get(release.id)! })
}

export const rolloutHandlers = {
  'rollout.plan.set': planSet,
  'rollout.plan.importArgo': importArgo,
  'rollout.start': start,
  'rollout.advance': advance,
  'rollout.hold': hold,
  'rollout.resume': resume,
  'rollout.abort': abort,
  'rollout.gate': gate,
  'incidents.open': openByHand,
  'incidents.answer': answer,
  'incidents.resolve': resolve,
  'rollback.completeStep': completeStep
}
