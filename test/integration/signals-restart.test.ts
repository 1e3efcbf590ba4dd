import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { manualClock } from '../../src/main/clock'
import type { Reading } from '../../src/main/monitoring/reading'
import { manualTimers, type ManualTimers } from '../../src/main/monitoring/timers'
import { SignalService } from '../../src/main/signals/signal-service'
import { openWarRoom, type WarRoom } from '../../src/main/war-room'
import type { Room } from '../../src/shared/room'
import type { SignalView } from '../../src/shared/room-signals'
import { lead, releaseInput } from '../support/fixtures'
import { tempDir } from '../support/temp-dir'
import { drive, until } from '../unit/monitoring/settle'

/**
 * A tick writes its samples and, only when a signal's state moved, that signal's row. These tests kill the room the
 * way SIGKILL would (no stop, no close: a second connection opens the file as a restarted host would) and check
 * that what the room shows afterwards still comes from the samples: the last value, an error's reason, and a breach
 * in progress, which must neither be forgotten nor reported twice.
 */
const clock = manualClock()
let dir: ReturnType<typeof tempDir>
let timers: ManualTimers
const open: { room: WarRoom; service?: SignalService }[] = []
/** What the fake endpoint answers next: a number, or a failure. */
let next: number | 'down' = 1

beforeEach(() => {
  dir = tempDir()
  timers = manualTimers(clock)
  next = 1
})
afterEach(() => {
  for (const o of open.splice(0).reverse()) {
    o.service?.stop()
    o.room.close()
  }
  dir.remove()
})

function boot(): { room: WarRoom; service: SignalService } {
  const room = openWarRoom({ dbPath: join(dir.path, 'warroom.sqlite'), clock })
  const entry: { room: WarRoom; service?: SignalService } = { room }
  open.push(entry)
  const service = new SignalService(room, {
    timers,
    log: () => {},
    backfill: false,
    retention: { everyMs: 3_600_000 },
    poller: {
      readerFor: () => ({
        read: async (): Promise<Reading> =>
          next === 'down' ? { ok: false, reason: 'http', message: 'HTTP 503 Service Unavailable', at: clock.now() } : { ok: true, value: next, at: clock.now() }
      })
    }
  })
  entry.service = service
  return { room, service }
}

function call<T>(room: WarRoom, method: string, input: unknown): T {
  const out = room.dispatch(method, input)
  if (!out.ok) throw new Error(out.error.message)
  return out.value as T
}

async function tick(service: SignalService): Promise<void> {
  await until(() => service.stats().inFlight === 0 && service.stats().queued === 0, 'the poll to finish')
  await drive(timers, clock, 1000)
}

function setUp(room: WarRoom): { releaseId: string; signalId: string } {
  const { id: releaseId } = call<{ id: string }>(room, 'releases.create', releaseInput())
  const s = call<SignalView>(room, 'signals.add', {
    releaseId,
    signal: {
      name: 'Error rate',
      unit: '%',
      source: { kind: 'json', url: 'http://127.0.0.1:9/health', path: 'errors' },
      intervalMs: 1000,
      timeoutMs: 500,
      thresholds: { direction: 'above', warn: 50, critical: 100 },
      breach: { kind: 'consecutive', count: 3 },
      severity: 'high'
    },
    actor: lead
  })
  return { releaseId, signalId: s.id }
}

const statusIn = (room: WarRoom, releaseId: string) => call<Room>(room, 'releases.get', { releaseId }).signals[0]

describe('signal state across a crash', () => {
  it('shows the newest sample as the last value, live and after a kill, though the state never changed', async () => {
    const first = boot()
    const { releaseId } = setUp(first.room)
    await drive(timers, clock, 0)
    for (const v of [10, 20, 30, 40]) {
      next = v
      await tick(first.service)
    }
    await until(() => first.service.stats().inFlight === 0, 'the last poll')
    await drive(timers, clock, 0)
    const live = statusIn(first.room, releaseId).status
    expect(live).toMatchObject({ state: 'ok', value: 40 })

    // Killed: nothing stopped, nothing flushed. The restarted room reads the same.
    const second = boot()
    expect(statusIn(second.room, releaseId).status).toEqual(live)
  })

  it('keeps an error and its reason, and the value before it, after a kill', async () => {
    const first = boot()
    const { releaseId } = setUp(first.room)
    await drive(timers, clock, 0)
    next = 42
    await tick(first.service)
    next = 'down'
    for (let i = 0; i < 3; i++) await tick(first.service)
    await until(() => first.service.stats().inFlight === 0, 'the last poll')
    await drive(timers, clock, 0)

    const second = boot()
    expect(statusIn(second.room, releaseId).status).toMatchObject({ state: 'error', reason: 'HTTP 503 Service Unavailable', value: 42 })
  })

  it('carries a breach in progress over a kill: the third bad sample after it opens exactly one breach', async () => {
    const first = boot()
    const { releaseId } = setUp(first.room)
    await drive(timers, clock, 0)
    next = 500
    await tick(first.service)
    await tick(first.service)
    await until(() => first.service.stats().inFlight === 0, 'the second bad poll')
    await drive(timers, clock, 0)
    const kinds = (room: WarRoom) => call<{ kind: string }[]>(room, 'timeline.list', { releaseId }).map((e) => e.kind)
    expect(kinds(first.room)).not.toContain('signal.breach')
    first.service.stop()

    // Two bad samples are on record; the restarted room counts on from them.
    const second = boot()
    await drive(timers, clock, 0)
    await tick(second.service)
    await until(() => second.service.stats().inFlight === 0, 'the third bad poll')
    await drive(timers, clock, 0)
    expect(kinds(second.room).filter((k) => k === 'signal.breach')).toHaveLength(1)
    expect(statusIn(second.room, releaseId).breaching).toBe(true)
    second.service.stop()

    // And once reported, a further restart and more bad samples do not report it again.
    const third = boot()
    await drive(timers, clock, 0)
    await tick(third.service)
    await tick(third.service)
    await until(() => third.service.stats().inFlight === 0, 'the last poll')
    await drive(timers, clock, 0)
    expect(kinds(third.room).filter((k) => k === 'signal.breach')).toHaveLength(1)
    expect(statusIn(third.room, releaseId).status).toMatchObject({ state: 'critical', value: 500 })
  })
})
