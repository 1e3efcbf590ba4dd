import type { WarRoom } from '../../src/main/war-room'
import type { SignalView } from '../../src/shared/room-signals'
import { lead, releaseInput } from './fixtures'

/**
 * A new release with `count` probe signals named S0, S1, ... pointed at a port nothing listens on: for tests that
 * write samples themselves and only need the signals to exist. Each comes with its sample key.
 */
export function releaseWithProbeSignals(room: WarRoom, count: number): { id: string; sid: number }[] {
  const created = room.dispatch('releases.create', releaseInput())
  if (!created.ok) throw new Error(created.error.message)
  const releaseId = (created.value as { id: string }).id
  return Array.from({ length: count }, (_, i) => {
    const out = room.dispatch('signals.add', {
      releaseId,
      signal: {
        name: `S${i}`,
        source: { kind: 'probe', url: 'http://127.0.0.1:9/' },
        intervalMs: 1000,
        timeoutMs: 500,
        thresholds: { direction: 'above', warn: 50, critical: 100 },
        severity: 'high'
      },
      actor: lead
    })
    if (!out.ok) throw new Error(out.error.message)
    const id = (out.value as SignalView).id
    return { id, sid: room.stores.signals.get(id)!.sid }
  })
}
