import type { RolloutState, RolloutStep } from '../../shared/rollout'
import { formatDuration } from './duration-text'
import type { RolloutEffect } from './rollout-effect'

/** One step's way through pending → running → soaking → awaiting-gate → passed, as pure changes to the step. */

const quote = (s: string) => `"${s}"`

export type StepChange = { step: RolloutStep; effects: RolloutEffect[] }

/** The soak is over (at `at`): a gate-less step passes; otherwise the step waits for its gate. */
export function endSoak(step: RolloutStep, at: number): StepChange {
  if (step.gate === 'none') {
    return {
      step: { ...step, state: 'passed', finishedAt: at },
      effects: [{ kind: 'notify', text: `${quote(step.label)} finished its soak and passed (it has no gate). Advance when ready.` }]
    }
  }
  const waiting: RolloutStep = { ...step, state: 'awaiting-gate' }
  if (step.gate === 'health') {
    return {
      step: waiting,
      effects: [
        { kind: 'evaluate-gate', stepId: step.id },
        { kind: 'notify', text: `The soak of ${quote(step.label)} ended: its health gate is being evaluated.` }
      ]
    }
  }
  return {
    step: waiting,
    effects: [{ kind: 'notify', text: `${quote(step.label)} is waiting for the SRE or DevOps lead to pass or fail its gate.` }]
  }
}

export function beginSoak(step: RolloutStep, now: number): StepChange {
  if (step.soakSeconds === null) {
    // Playbook: an indefinite pause is a manual step; it ends when a person passes its gate.
    return endSoak({ ...step, soakStartedAt: now }, now)
  }
  if (step.soakSeconds === 0) return endSoak({ ...step, soakStartedAt: now, soakEndsAt: now }, now)
  const soakEndsAt = now + step.soakSeconds * 1000
  return {
    step: { ...step, state: 'soaking', soakStartedAt: now, soakEndsAt },
    effects: [{ kind: 'notify', text: `${quote(step.label)} is soaking for ${formatDuration(step.soakSeconds * 1000)}.` }]
  }
}

export function beginStep(step: RolloutStep, now: number): StepChange {
  const started: RolloutStep = { ...step, state: 'running', startedAt: now }
  if (step.action) return { step: started, effects: [{ kind: 'run-step-action', stepId: step.id, url: step.action.url }] }
  return beginSoak(started, now)
}

/** Pending steps, and any still in flight, stop: nothing more will happen to them in this rollout. */
export function stopSteps(state: RolloutState, now: number): RolloutStep[] {
  return state.steps.map((s) =>
    s.state === 'pending' || s.state === 'running' || s.state === 'soaking' || s.state === 'awaiting-gate'
      ? { ...s, state: 'skipped', finishedAt: s.state === 'pending' ? null : now }
      : s
  )
}
