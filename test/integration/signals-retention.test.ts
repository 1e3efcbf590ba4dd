import { afterEach, beforeEach, expect, it } from 'vitest'
import { manualTimers } from '../../src/main/monitoring/timers'
import { SignalService } from '../../src/main/signals/signal-service'
import type { SignalView } from '../../src/shared/room-signals'
import { lead, releaseInput } from '../support/fixtures'
import { testRoom } from '../support/room'

let t: ReturnType<typeof testRoom>
let service: SignalService | undefined
beforeEach(() => {
  t = testRoom()
})
afterEach(() => {
  service?.stop()
  t.dispose()
})

const HOUR = 3_600_000

it('folds every signal’s samples past the retention age in one step when the budget allows, keeping each last value', () => {
  const created = t.room.dispatch('releases.create', releaseInput())
  if (!created.ok) throw new Error(created.error.message)
  const releaseId = (created.value as { id: string }).id
  const sids: { id: string; sid: number }[] = []
  for (let i = 0; i < 5; i++) {
    const out = t.room.dispatch('signals.add', {
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
    sids.push({ id, sid: t.room.stores.signals.get(id)!.sid })
  }
  // Two minutes of samples per signal, all of them older than the one-hour raw retention used here; the signals were
  // polled once (so each has a last value), then never again.
  const start = t.clock.now() - 2 * HOUR
  t.room.transact((ctx) => {
    for (const { sid } of sids) {
      for (let k = 0; k < 120; k++) ctx.samples.insert(sid, start + k * 1000, sid * 1000 + k)
      ctx.signals.progress(sid, { state: 'ok', lastValue: { v: sid * 1000, t: start }, breach: null })
    }
  })

  service = new SignalService(t.room, { timers: manualTimers(t.clock), log: () => {}, backfill: false, retention: { rawMs: HOUR, rowBudget: 100_000 } })
  expect(service.applyRetention().folded).toBe(5 * 120)
  for (const { id, sid } of sids) {
    expect(t.room.stores.samples.raw(sid, 0, t.clock.now()), `raw samples of ${id}`).toEqual([])
    // The newest sample was folded away, but the room still shows it as the signal's last value.
    expect(t.room.stores.signals.get(id)!.status, id).toMatchObject({ value: sid * 1000 + 119, at: start + 119_000 })
  }
})
