import type { RolloutState, Severity } from '../../shared/rollout'

/** What the rollout machine asks its caller to do; the machine itself never does I/O. */
export type RolloutEffect =
  /** POST the step's action URL, then report the answer with `recordActionResult`. */
  | { kind: 'run-step-action'; stepId: string; url: string }
  /** The step's soak ended: judge its health gate from the signals, then report with `recordGateResult`. */
  | { kind: 'evaluate-gate'; stepId: string }
  | { kind: 'open-incident'; severity: Severity; summary: string; stepId: string }
  | { kind: 'notify'; text: string }

export type Transition = { ok: true; state: RolloutState; effects: RolloutEffect[] } | { ok: false; reasons: string[] }
