import type { HandlerContext } from '../api/handler-context'
import { gateVerdict } from '../health/gate-verdict'

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
 *
 * Every signal of the release takes part (a gate must not pass on a signal nobody looked at), judged against its
 * critical threshold with no breaching sample allowed: the playbook's "if stable" for a soak. `values` holds, by signal
 * name, the worst reading of the window (numbers only, so it fits the rollout's verdict record); the summary names,
 * per failing signal, how many samples breached which threshold, the worst and the mean.
 */
export function evaluateHealthGate(ctx: HandlerContext, releaseId: string, window: { from: number; to: number }): HealthGateResult {
  const signals = ctx.signals.list(releaseId)
  if (signals.length === 0) return { outcome: 'no-data', summary: 'No signals are watching this release.', values: {} }
  const verdict = gateVerdict({
    window,
    signals: signals.map((s) => ({
      signalId: s.id,
      name: s.definition.name,
      unit: s.definition.unit,
      thresholds: s.definition.thresholds,
      samples: ctx.samples.raw(s.sid, window.from, window.to)
    }))
  })
  const values: Record<string, unknown> = {}
  for (const r of verdict.signals) if (r.worst) values[r.name] = r.worst.v
  return {
    outcome: verdict.outcome,
    summary: verdict.summary,
    values
  }
}
