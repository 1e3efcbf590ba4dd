import type { HandlerContext } from '../api/handler-context'
import type { SignalRoomPart, SignalView } from '../../shared/room-signals'
import { readRolloutPart } from '../rollout/rollout-room'
import { canaryAnalyses, currentSoakStart, DEFAULT_CANARY_WINDOW_MS } from './canary-pairs'
import type { SignalRecord } from './signal-store'

export function signalView(r: SignalRecord): SignalView {
  return {
    id: r.id,
    releaseId: r.releaseId,
    definition: r.definition,
    status: r.status,
    breaching: r.breach?.sustained ?? false,
    createdAt: r.createdAt
  }
}

/** The window canary analysis compares: the current rollout step's soak when there is one, else the last 15 minutes. */
export function canaryWindow(ctx: HandlerContext, releaseId: string): { from: number; to: number } {
  const to = ctx.clock.now()
  let soak: number | undefined
  try {
    soak = currentSoakStart(readRolloutPart(ctx, releaseId))
  } catch {
    // The rollout feature's part is optional here: without it the default window serves.
  }
  return { from: soak !== undefined && soak < to ? soak : to - DEFAULT_CANARY_WINDOW_MS, to }
}

/** Live health's part of the one read a client needs. */
export function readSignalPart(ctx: HandlerContext, releaseId: string): SignalRoomPart {
  const records = ctx.signals.list(releaseId)
  const demo = ctx.demo.get(releaseId)
  return {
    signals: records.map(signalView),
    canary: records.some((r) => r.definition.role === 'canary') ? canaryAnalyses(ctx, records, canaryWindow(ctx, releaseId)) : [],
    demo: demo ? { origin: demo.origin, fault: demo.fault, trafficPercent: demo.trafficPercent } : null
  }
}
