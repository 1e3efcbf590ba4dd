import type { HandlerContext } from '../api/handler-context'
import type { CanaryPairView } from '../../shared/room-signals'
import { analyseCanary } from '../health/canary-analysis'
import type { SignalRecord } from './signal-store'

/** Without a rollout step to anchor it, the comparison looks at the last quarter hour: a typical soak. */
export const DEFAULT_CANARY_WINDOW_MS = 15 * 60_000

/**
 * A signal's measure: its name without the words canary and baseline, so "Canary error rate" and "Baseline error
 * rate" compare, and "canary p95 latency" does not pair with "baseline error rate".
 */
export function measureOf(name: string): string {
  return name
    .replace(/\b(canary|baseline)\b/gi, ' ')
    .replace(/[\s:·–—-]+/g, ' ')
    .trim()
    .toLowerCase()
}

/** Canary signals matched to the baseline signal of the same measure; unmatched ones are left out. */
export function pairSignals(signals: readonly SignalRecord[]): { measure: string; canary: SignalRecord; baseline: SignalRecord }[] {
  const baselines = new Map<string, SignalRecord>()
  for (const s of signals) if (s.definition.role === 'baseline') baselines.set(measureOf(s.definition.name), s)
  const pairs: { measure: string; canary: SignalRecord; baseline: SignalRecord }[] = []
  for (const s of signals) {
    if (s.definition.role !== 'canary') continue
    const measure = measureOf(s.definition.name)
    const baseline = baselines.get(measure)
    if (baseline) pairs.push({ measure, canary: s, baseline })
  }
  return pairs
}

/** The soak of the rollout step in progress, if the room has a rollout in that shape; read defensively. */
export function currentSoakStart(rolloutPart: unknown): number | undefined {
  const rollout = (rolloutPart as { rollout?: { state?: { steps?: unknown }; currentStepIndex?: unknown } } | undefined)?.rollout
  const steps = rollout?.state?.steps
  const index = rollout?.currentStepIndex
  if (!Array.isArray(steps) || typeof index !== 'number' || index < 0 || index >= steps.length) return undefined
  const step = steps[index] as { soakStartedAt?: unknown; startedAt?: unknown }
  const start = typeof step.soakStartedAt === 'number' ? step.soakStartedAt : step.startedAt
  return typeof start === 'number' ? start : undefined
}

export function canaryAnalyses(ctx: HandlerContext, signals: readonly SignalRecord[], window: { from: number; to: number }): CanaryPairView[] {
  return pairSignals(signals).map(({ measure, canary, baseline }) => {
    const direction = canary.definition.thresholds.direction
    const a = analyseCanary({
      canary: ctx.samples.raw(canary.sid, window.from, window.to),
      baseline: ctx.samples.raw(baseline.sid, window.from, window.to),
      worseWhen: direction === 'above' ? 'higher' : 'lower'
    })
    return {
      measure,
      unit: canary.definition.unit,
      window,
      verdict: a.verdict,
      reason: a.reason,
      ...(a.guard ? { guard: a.guard } : {}),
      canary: { signalId: canary.id, name: canary.definition.name, n: a.canary.n, median: a.canary.median, mean: a.canary.mean },
      baseline: { signalId: baseline.id, name: baseline.definition.name, n: a.baseline.n, median: a.baseline.median, mean: a.baseline.mean },
      u: a.test?.u ?? null,
      p: a.test?.p ?? null,
      alpha: a.alpha,
      shift: a.shift
        ? {
            estimate: a.shift.estimate,
            low: Number.isFinite(a.shift.lower) ? a.shift.lower : null,
            high: Number.isFinite(a.shift.upper) ? a.shift.upper : null,
            confidence: a.shift.confidence
          }
        : null,
      minSamples: a.minSamples
    }
  })
}
