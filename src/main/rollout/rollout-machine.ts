import type { Actor } from '../../shared/roles'
import { ROLE_LABELS } from '../../shared/roles'
import type { GateVerdict, Hold, RolloutPlan, RolloutState, RolloutStatus, RolloutStep, Severity } from '../../shared/rollout'
import { refuseObserver } from '../runbook/release-rules'
import { formatDuration } from './duration-text'
import { newRollout } from './plan-compile'
import type { RolloutEffect, Transition } from './rollout-effect'
import { dueEvents, timeLeft } from './soak-timer'
import { beginSoak, beginStep, endSoak, stopSteps } from './step-lifecycle'

// The machine's whole surface in one import for the handlers: its transitions, the soak timer and the effect types.
export { dueEvents, nextDueAt, timeLeft, type SoakEnded } from './soak-timer'
export type { RolloutEffect, Transition } from './rollout-effect'

/**
 * The staged rollout as pure transitions. Each takes the persisted state and `now`, and answers either the next
 * state with the effects the caller must carry out (the machine never does I/O), or every reason it refuses, each a
 * sentence naming what blocks. Who may steer (the DevOps lead or the accountable owner) is the caller's check,
 * because it needs the release; this module checks what it can see: observers, and who may judge a gate by hand.
 */

const refused = (reasons: (string | undefined)[]): Transition => ({ ok: false, reasons: reasons.filter((r): r is string => !!r) })

const quote = (s: string) => `"${s}"`

/** The sentence for a rollout that is not in one of the states an action needs. */
function statusRefusal(state: RolloutState, allowed: readonly RolloutStatus[], what: string): string | undefined {
  if (allowed.includes(state.status)) return undefined
  switch (state.status) {
    case 'not-started':
      return `The rollout has not started; start it before you ${what}.`
    case 'running':
      return `The rollout is running, so you cannot ${what} now.`
    case 'held':
      return `The rollout is held (${quote(state.hold?.reason ?? 'no reason given')}); resume it before you ${what}.`
    case 'aborted':
      return `The rollout was aborted (${quote(state.endedReason ?? 'no reason given')}); you cannot ${what} any more.`
    case 'completed':
      return `The rollout is complete; you cannot ${what} any more. Open an incident if something is wrong.`
    case 'rolling-back':
      return `The rollout is being rolled back; you cannot ${what}. Finish the rollback procedure instead.`
    case 'rolled-back':
      return `The rollout was rolled back (${quote(state.endedReason ?? 'no reason given')}); you cannot ${what} any more.`
  }
}

const blank = (s: string | undefined) => !s || !s.trim()

function withStep(state: RolloutState, index: number, step: RolloutStep): RolloutState {
  return { ...state, steps: state.steps.map((s, i) => (i === index ? step : s)) }
}

/** The step the rollout is on: the first one not yet passed or skipped; -1 once every step has passed. */
export function currentStepIndex(state: RolloutState): number {
  return state.steps.findIndex((s) => s.state !== 'passed' && s.state !== 'skipped')
}

type Found = { found: true; index: number; step: RolloutStep } | { found: false; reason: string }

function findStep(state: RolloutState, stepId: string): Found {
  const index = state.steps.findIndex((s) => s.id === stepId)
  if (index < 0) return { found: false, reason: `No step "${stepId}" in this rollout; its steps are ${state.steps.map((s) => s.id).join(', ')}.` }
  return { found: true, index, step: state.steps[index] }
}

// ---------------------------------------------------------------------------------------------------------------

/** The plan can change until production starts (issue: "editable until production starts"). */
export function replacePlan(state: RolloutState, plan: RolloutPlan): Transition {
  if (state.status !== 'not-started') {
    return refused([`The plan can be edited only before the rollout starts; this rollout is ${state.status}.`])
  }
  return { ok: true, state: newRollout(plan), effects: [] }
}

export function start(state: RolloutState, input: { actor: Actor; now: number }): Transition {
  const reasons = [
    refuseObserver(input.actor, 'start the rollout'),
    state.status === 'not-started' ? undefined : `The rollout has already started; it is ${state.status}.`,
    state.steps.length === 0 ? 'The plan has no steps; add at least one before starting.' : undefined
  ]
  if (reasons.some(Boolean)) return refused(reasons)
  const first = beginStep(state.steps[0], input.now)
  const next = withStep({ ...state, status: 'running', startedAt: input.now, startedBy: input.actor }, 0, first.step)
  return {
    ok: true,
    state: next,
    effects: [{ kind: 'notify', text: `${input.actor.name} started the rollout with ${quote(first.step.label)}.` }, ...first.effects]
  }
}

/** Why the current step cannot be left behind without an override; the caller's sentence names the step. */
function unevaluatedGate(step: RolloutStep, now: number): string {
  switch (step.state) {
    case 'failed': {
      const v = step.verdict
      const why = v?.rationale ? `: ${quote(v.rationale)}` : ''
      const by = v?.by === 'signals' ? 'on its signals' : v?.actor ? `by ${v.actor.name}` : 'by hand'
      return `${quote(step.label)} failed its gate (${by}${why}); advancing past it needs an override with a rationale.`
    }
    case 'soaking':
      return `${quote(step.label)} is still soaking (${formatDuration(timeLeft(step, now) ?? 0)} left) and its gate has not been evaluated; advancing now needs an override with a rationale.`
    case 'awaiting-gate':
      return `${quote(step.label)} is waiting for its ${step.gate} gate; pass it, or advance with an override and a rationale.`
    default:
      return `${quote(step.label)} is still running its action; advancing before its soak and gate needs an override with a rationale.`
  }
}

/**
 * Moves the rollout forward by one: starts the next step once the current one has passed, or completes the rollout
 * after the last. Advancing past a failed or unevaluated gate needs an override: the actor's explicit vote, with a
 * rationale, which stays on the step next to the verdict it overrode.
 */
export function advance(state: RolloutState, input: { actor: Actor; now: number; override?: { rationale: string } }): Transition {
  const { actor, now, override } = input
  const blocked = [refuseObserver(actor, 'advance the rollout'), statusRefusal(state, ['running'], 'advance')]
  if (blocked.some(Boolean)) return refused(blocked)

  const i = currentStepIndex(state)
  if (i < 0) {
    return {
      ok: true,
      state: { ...state, status: 'completed', endedAt: now, endedBy: actor, hold: null },
      effects: [{ kind: 'notify', text: `${actor.name} completed the rollout: every step passed.` }]
    }
  }
  const step = state.steps[i]
  if (step.state === 'pending') {
    const begun = beginStep(step, now)
    return {
      ok: true,
      state: withStep(state, i, begun.step),
      effects: [{ kind: 'notify', text: `${actor.name} advanced the rollout to ${quote(step.label)}.` }, ...begun.effects]
    }
  }

  if (!override) return refused([unevaluatedGate(step, now)])
  if (blank(override.rationale)) return refused([`An override needs a rationale: say why it is safe to advance past ${quote(step.label)}.`])

  const vote: GateVerdict = { result: 'pass', by: 'override', actor, rationale: override.rationale.trim(), at: now }
  const passed: RolloutStep = {
    ...step,
    state: 'passed',
    finishedAt: now,
    verdict: vote,
    overridden: step.verdict?.result === 'fail' ? step.verdict : step.overridden
  }
  const moved = withStep(state, i, passed)
  const notice: RolloutEffect = {
    kind: 'notify',
    text: `${actor.name} overrode the gate of ${quote(step.label)}: ${quote(vote.rationale ?? '')}.`
  }
  const nextIndex = i + 1
  if (nextIndex >= state.steps.length) {
    return {
      ok: true,
      state: { ...moved, status: 'completed', endedAt: now, endedBy: actor },
      effects: [notice, { kind: 'notify', text: `${actor.name} completed the rollout.` }]
    }
  }
  const begun = beginStep(state.steps[nextIndex], now)
  return { ok: true, state: withStep(moved, nextIndex, begun.step), effects: [notice, ...begun.effects] }
}

/** Users ask to pause rather than abort on a doubtful signal: a hold stops progress and keeps everything else. */
export function hold(state: RolloutState, input: { actor: Actor; reason: string; now: number }): Transition {
  const reasons = [
    refuseObserver(input.actor, 'hold the rollout'),
    blank(input.reason) ? 'Say why you are holding the rollout: a reason is required.' : undefined,
    state.status === 'held' ? `The rollout is already held: ${quote(state.hold?.reason ?? '')}.` : statusRefusal(state, ['running'], 'hold it')
  ]
  if (reasons.some(Boolean)) return refused(reasons)
  const h: Hold = { reason: input.reason.trim(), cause: 'person', by: input.actor, at: input.now }
  return {
    ok: true,
    state: { ...state, status: 'held', hold: h },
    effects: [{ kind: 'notify', text: `${input.actor.name} held the rollout: ${quote(h.reason)}.` }]
  }
}

export function resume(state: RolloutState, input: { actor: Actor; now: number }): Transition {
  const reasons = [
    refuseObserver(input.actor, 'resume the rollout'),
    state.status === 'running' ? 'The rollout is not held; there is nothing to resume.' : statusRefusal(state, ['held'], 'resume it')
  ]
  if (reasons.some(Boolean)) return refused(reasons)
  const effects: RolloutEffect[] = [{ kind: 'notify', text: `${input.actor.name} resumed the rollout.` }]
  const current = state.steps[currentStepIndex(state)]
  // A hold caused by a failed step action is resumed by trying the action again.
  if (current?.state === 'running' && current.action && current.actionOutcome?.ok === false) {
    effects.push({ kind: 'run-step-action', stepId: current.id, url: current.action.url })
  }
  return { ok: true, state: { ...state, status: 'running', hold: null }, effects }
}

export function abort(state: RolloutState, input: { actor: Actor; reason: string; now: number }): Transition {
  const reasons = [
    refuseObserver(input.actor, 'abort the rollout'),
    blank(input.reason) ? 'Say why you are aborting the rollout: a reason is required.' : undefined,
    state.status === 'not-started'
      ? 'The rollout has not started, so there is nothing to abort; abort the release instead if it should not ship.'
      : statusRefusal(state, ['running', 'held'], 'abort it')
  ]
  if (reasons.some(Boolean)) return refused(reasons)
  const reason = input.reason.trim()
  return {
    ok: true,
    state: { ...state, status: 'aborted', steps: stopSteps(state, input.now), hold: null, endedAt: input.now, endedBy: input.actor, endedReason: reason },
    effects: [{ kind: 'notify', text: `${input.actor.name} aborted the rollout: ${quote(reason)}.` }]
  }
}

/** The decision to roll back was made: the rollout stops where it is and the rollback procedure takes over. */
export function beginRollback(state: RolloutState, input: { actor: Actor; reason: string; now: number }): Transition {
  const reasons = [
    refuseObserver(input.actor, 'roll back the rollout'),
    blank(input.reason) ? 'Say why you are rolling back: a reason is required, and it goes on the release record.' : undefined,
    state.status === 'not-started'
      ? 'The rollout has not started, so there is nothing to roll back.'
      : statusRefusal(state, ['running', 'held', 'completed', 'aborted'], 'roll it back')
  ]
  if (reasons.some(Boolean)) return refused(reasons)
  const reason = input.reason.trim()
  return {
    ok: true,
    state: {
      ...state,
      status: 'rolling-back',
      steps: stopSteps(state, input.now),
      hold: null,
      endedAt: state.endedAt ?? input.now,
      endedBy: input.actor,
      endedReason: reason
    },
    effects: [{ kind: 'notify', text: `${input.actor.name} started a rollback: ${quote(reason)}.` }]
  }
}

/** The last rollback step is done. */
export function finishRollback(state: RolloutState, input: { now: number }): Transition {
  const reason = statusRefusal(state, ['rolling-back'], 'finish a rollback')
  if (reason) return refused([state.status === 'rolled-back' ? 'The rollout is already rolled back.' : reason])
  return {
    ok: true,
    state: { ...state, status: 'rolled-back', rolledBackAt: input.now },
    effects: [{ kind: 'notify', text: `The rollback is complete: ${quote(state.endedReason ?? '')}.` }]
  }
}

/** Applies every soak that has ended by `now`, each at the time it really ended. */
export function applyDueEvents(state: RolloutState, now: number): { state: RolloutState; effects: RolloutEffect[] } {
  let next = state
  const effects: RolloutEffect[] = []
  for (const due of dueEvents(state, now)) {
    const i = next.steps.findIndex((s) => s.id === due.stepId)
    const ended = endSoak(next.steps[i], due.at)
    next = withStep(next, i, ended.step)
    effects.push(...ended.effects)
  }
  return { state: next, effects }
}

/** The playbook gives the hands-on watch to the SRE and the rollback call to the DevOps lead. */
const GATE_JUDGES = ['sre', 'devops-lead'] as const

export interface GateResultInput {
  stepId: string
  result: 'pass' | 'fail'
  by: 'signals' | 'manual'
  actor?: Actor
  rationale?: string
  values?: Record<string, number>
  /** The incident a failed gate opens; high by default ("major feature broken, performance severely degraded"). */
  severity?: Severity
  now: number
}

/**
 * A gate's verdict. A pass needs the soak to be over; a fail may come early, because waiting out the soak on a
 * visibly broken step only spends the incident's response time. A failed gate holds the rollout (it does not abort
 * on its own) and asks the caller to open an incident.
 */
export function recordGateResult(state: RolloutState, input: GateResultInput): Transition {
  const status = statusRefusal(state, ['running', 'held'], 'judge a gate')
  if (status) return refused([status])
  const found = findStep(state, input.stepId)
  if (!found.found) return refused([found.reason])
  const { step, index } = found
  const name = quote(step.label)

  const reasons: (string | undefined)[] = []
  if (input.by === 'manual') {
    if (!input.actor) reasons.push('A manual gate verdict must name the person giving it.')
    else {
      reasons.push(refuseObserver(input.actor, 'judge a gate'))
      if (input.actor.role !== 'observer' && !(GATE_JUDGES as readonly string[]).includes(input.actor.role)) {
        reasons.push(`Only the SRE or the DevOps lead can pass or fail a gate by hand; ${input.actor.name} is the ${ROLE_LABELS[input.actor.role]}.`)
      }
    }
    if (blank(input.rationale)) reasons.push(`Say why the gate of ${name} ${input.result === 'pass' ? 'passes' : 'fails'}: a rationale is required.`)
  }
  if (step.gate === 'none') reasons.push(`${name} has no gate to pass or fail; it passes when its soak ends.`)
  if (step.gate === 'manual' && input.by === 'signals') reasons.push(`${name} has a manual gate: a person passes or fails it, not the signals.`)

  switch (step.state) {
    case 'pending':
      reasons.push(`${name} has not started; its gate cannot be judged yet.`)
      break
    case 'running':
    case 'soaking':
      if (input.result === 'pass') {
        reasons.push(
          step.state === 'running'
            ? `${name} is still running its action; its gate can pass only after its soak.`
            : `${name} is still soaking (${formatDuration(timeLeft(step, input.now) ?? 0)} left); its gate can pass only when the soak ends.`
        )
      }
      break
    case 'passed':
      reasons.push(`${name} has already passed its gate.`)
      break
    case 'failed':
      reasons.push(`${name} has already failed its gate; advance with an override or roll back.`)
      break
    case 'skipped':
      reasons.push(`${name} was skipped; there is no gate left to judge.`)
      break
    case 'awaiting-gate':
      break
  }
  if (reasons.some(Boolean)) return refused(reasons)

  const verdict: GateVerdict = {
    result: input.result,
    by: input.by,
    ...(input.actor ? { actor: input.actor } : {}),
    ...(input.rationale?.trim() ? { rationale: input.rationale.trim() } : {}),
    ...(input.values ? { values: input.values } : {}),
    at: input.now
  }
  const who = input.by === 'signals' ? 'on its signals' : `by ${input.actor?.name}`

  if (input.result === 'pass') {
    const last = index === state.steps.length - 1
    return {
      ok: true,
      state: withStep(state, index, { ...step, state: 'passed', finishedAt: input.now, verdict }),
      effects: [
        {
          kind: 'notify',
          text: `${name} passed its gate ${who}. ${last ? 'It was the last step: advance to complete the rollout.' : 'Advance when ready.'}`
        }
      ]
    }
  }

  const why = verdict.rationale ? `: ${verdict.rationale}` : ''
  const failed = withStep(state, index, { ...step, state: 'failed', finishedAt: input.now, verdict })
  const next: RolloutState =
    state.status === 'running'
      ? { ...failed, status: 'held', hold: { reason: `The gate of ${name} failed ${who}${why}`, cause: 'gate', by: input.actor ?? null, at: input.now } }
      : failed
  return {
    ok: true,
    state: next,
    effects: [
      { kind: 'open-incident', severity: input.severity ?? 'high', summary: `Gate failed at ${name} ${who}${why}`, stepId: step.id },
      { kind: 'notify', text: `${name} failed its gate ${who}${why}. The rollout is held.` }
    ]
  }
}

export interface ActionResultInput {
  stepId: string
  ok: boolean
  httpStatus: number | null
  durationMs: number
  detail?: string
  now: number
}

/** What the step's HTTP POST answered. Success starts the soak; a failure holds the rollout. */
export function recordActionResult(state: RolloutState, input: ActionResultInput): Transition {
  const status = statusRefusal(state, ['running', 'held'], 'record a step action')
  if (status) return refused([status])
  const found = findStep(state, input.stepId)
  if (!found.found) return refused([found.reason])
  const { step, index } = found
  if (step.state !== 'running' || !step.action) {
    return refused([`${quote(step.label)} is not waiting for an action result (it is ${step.state}).`])
  }
  const outcome = {
    ok: input.ok,
    httpStatus: input.httpStatus,
    durationMs: input.durationMs,
    detail: input.detail?.slice(0, 500) ?? null,
    at: input.now
  }
  const answered = `POST ${step.action.url} answered ${input.httpStatus ?? 'nothing'} after ${Math.round(input.durationMs)} ms`
  if (input.ok) {
    const soaking = beginSoak({ ...step, actionOutcome: outcome }, input.now)
    return {
      ok: true,
      state: withStep(state, index, soaking.step),
      effects: [{ kind: 'notify', text: `The action for ${quote(step.label)} succeeded: ${answered}.` }, ...soaking.effects]
    }
  }
  const failure = `The action for ${quote(step.label)} failed: ${answered}${input.detail ? ` (${input.detail})` : ''}`
  const recorded = withStep(state, index, { ...step, actionOutcome: outcome })
  const next: RolloutState =
    state.status === 'running' ? { ...recorded, status: 'held', hold: { reason: failure, cause: 'action', by: null, at: input.now } } : recorded
  return {
    ok: true,
    state: next,
    effects: [{ kind: 'notify', text: `${failure}. The rollout is held: resume to try the action again, or advance with an override.` }]
  }
}
