import type { RolloutState, RolloutStatus, RolloutStep } from '../../shared/rollout'

export interface SoakEnded {
  kind: 'soak-ended'
  stepId: string
  /** When the soak ended, which after a restart can be well before `now`. */
  at: number
}

/**
 * The soak's time left, from the persisted soak start and length, so a process that restarts mid-soak counts down
 * from where the soak really is. null when the step is not soaking.
 */
export function timeLeft(step: RolloutStep, now: number): number | null {
  if (step.state !== 'soaking' || step.soakStartedAt === null || step.soakSeconds === null) return null
  return Math.max(0, step.soakStartedAt + step.soakSeconds * 1000 - now)
}

// A hold stops progress, not observation: traffic stays at the step's level, so its soak keeps counting while held.
const TICKING: readonly RolloutStatus[] = ['running', 'held']

/** Soaks that have ended by `now` and not yet been handled. */
export function dueEvents(state: RolloutState, now: number): SoakEnded[] {
  if (!TICKING.includes(state.status)) return []
  return state.steps
    .filter((s) => timeLeft(s, now) === 0)
    .map((s) => ({ kind: 'soak-ended', stepId: s.id, at: (s.soakStartedAt ?? now) + (s.soakSeconds ?? 0) * 1000 }))
}

/** When the next soak ends, so the caller can set one timer (again after a restart); null when none is running. */
export function nextDueAt(state: RolloutState): number | null {
  if (!TICKING.includes(state.status)) return null
  const ends = state.steps.filter((s) => s.state === 'soaking' && s.soakEndsAt !== null).map((s) => s.soakEndsAt as number)
  return ends.length ? Math.min(...ends) : null
}
