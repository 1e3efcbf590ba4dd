import type { HandlerContext } from '../api/handler-context'

export interface HealthGateResult {
  outcome: 'pass' | 'fail' | 'no-data'
  /** One sentence for the timeline and the UI, e.g. "canary error rate 4.8% > 1% (critical) in 12 of 30 samples". */
  summary: string
  /** The deciding values per signal, kept with the verdict. */
  values: Record<string, unknown>
}

/**
 * A rollout step's health gate, read from the release's signals over a window. Owned by the live-health feature;
 * the rollout feature calls it when a soak ends.
 */
export function evaluateHealthGate(_ctx: HandlerContext, _releaseId: string, _window: { from: number; to: number }): HealthGateResult {
  return { outcome: 'no-data', summary: 'No signals are watching this release.', values: {} }
}
