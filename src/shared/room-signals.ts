import type { DemoFaultName, SignalDefinition, SignalRole, SignalState } from './signal'

/** Where a signal stands now, as `releases.get` and the live event stream carry it. */
export interface SignalStatus {
  signalId: string
  state: SignalState
  /** The value behind the state; for `stale` and `error`, the last good one. */
  value?: number
  /** When `value` was read, epoch ms. */
  at?: number
  /** The threshold the value reached, when the state is warn or critical. */
  threshold?: number
  /** Why the signal is stale or in error: "timed out after 2000 ms", "HTTP 500 Internal Server Error". */
  reason?: string
}

export interface SignalView {
  id: string
  releaseId: string
  /** Credentials appear only as the names of the environment variables that hold them, never their values. */
  definition: SignalDefinition
  status: SignalStatus
  /** A sustained breach is open on this signal (from the sample that made it sustained until a good one). */
  breaching: boolean
  createdAt: string
}

/** Summary of one side of a canary comparison. */
export interface CanarySideView {
  signalId: string
  name: string
  n: number
  median: number | null
  mean: number | null
}

/**
 * The advisory canary analysis for one canary/baseline pair, with the numbers behind its verdict: Mann-Whitney U
 * and its p, the Hodges-Lehmann shift (canary − baseline) and its confidence interval.
 */
export interface CanaryPairView {
  /** The pair's measure: the signals' names without "canary" and "baseline" ("error rate"). */
  measure: string
  unit: string
  window: { from: number; to: number }
  verdict: 'pass' | 'worse' | 'better' | 'not-enough-data'
  reason: string
  guard?: 'rise-from-zero'
  canary: CanarySideView
  baseline: CanarySideView
  u: number | null
  p: number | null
  alpha: number
  shift: { estimate: number; low: number | null; high: number | null; confidence: number } | null
  minSamples: number
}

/** The demo release's simulated service, which the "inject fault" control steers. */
export interface DemoView {
  fault: DemoFaultName
  trafficPercent: number
  /** The endpoint the demo's signals read, such as http://127.0.0.1:38121. */
  origin: string
}

/** What the live-health feature adds to `releases.get`. */
export interface SignalRoomPart {
  signals: SignalView[]
  canary: CanaryPairView[]
  /** Set on the demo release only. */
  demo: DemoView | null
}

export type { SignalRole }
