import { describe, expect, it } from 'vitest'
import { manualClock } from '../../../src/main/clock'
import { Poller, PollerError, type PolledSignal, type PollerOptions, type PollResult } from '../../../src/main/monitoring/poller'
import type { Reading, ReadRequest, SourceReader } from '../../../src/main/monitoring/reading'
import { manualTimers } from '../../../src/main/monitoring/timers'
import { drive, turn } from './settle'

const T0 = Date.parse('2026-01-20T10:00:00Z')

function signal(id: string, intervalMs = 1000, timeoutMs = 500): PolledSignal {
  return { id, source: { kind: 'probe', url: `http://127.0.0.1:1/${id}` }, intervalMs, timeoutMs }
}

/** A poller on manual time, with a reader per signal id that the test supplies. */
function harness(readers: Record<string, (request: ReadRequest) => Promise<Reading> | Reading>, options: Partial<PollerOptions> = {}) {
  const clock = manualClock(T0)
  const timers = manualTimers(clock)
  const batches: PollResult[][] = []
  const errors: unknown[] = []
  const poller = new Poller({
    clock,
    timers,
    onResults: (batch) => batches.push(batch),
    onError: (error) => errors.push(error),
    readerFor: (s): SourceReader => ({ read: async (request) => readers[s.id](request) }),
    ...options
  })
  const results = (id?: string) => batches.flat().filter((r) => id === undefined || r.signalId === id)
  return { clock, timers, poller, batches, errors, results, drive: (ms: number) => drive(timers, clock, ms) }
}

const ok = (value: number, at = 0): Reading => ({ ok: true, value, at })

describe('Poller schedule', () => {
  it('polls on origin + n × interval, however long each poll takes', async () => {
    const h = harness({
      // Each poll takes 300 ms; a schedule based on "finished + interval" would drift 300 ms a tick.
      a: () => new Promise((resolve) => h.timers.setTimeout(() => resolve(ok(1)), 300))
    })
    h.poller.add(signal('a'))
    await h.drive(10_000)
    const polls = h.results('a')
    // The poll due at 10,000 has started but not finished.
    expect(polls.map((r) => r.scheduledAt - T0)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000])
    expect(polls.every((r) => r.startedAt === r.scheduledAt && r.finishedAt === r.scheduledAt + 300)).toBe(true)
    const stats = h.poller.stats()
    expect(stats).toMatchObject({ ticks: 11, polls: 11, missedTicks: 0, lateTicks: 0 })
    expect(stats.startDrift).toMatchObject({ count: 11, maxMs: 0 })
    expect(stats.tickDrift.maxMs).toBe(0)
  })

  it('keeps each signal on its own interval', async () => {
    const h = harness({ fast: () => ok(1), slow: () => ok(2) })
    h.poller.add(signal('fast', 1000))
    await h.drive(250)
    h.poller.add(signal('slow', 3000))
    await h.drive(9000)
    expect(h.results('fast').map((r) => r.scheduledAt - T0)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000])
    expect(h.results('slow').map((r) => r.scheduledAt - T0)).toEqual([250, 3250, 6250, 9250].filter((t) => t <= 9250))
  })

  it('after a late wake-up, runs the latest due instant and returns to the grid without carrying the delay', async () => {
    const h = harness({ a: () => ok(1) })
    h.poller.add(signal('a'))
    await h.drive(0)
    // The event loop was blocked for 2.5 s: the wake-up due at 1000 happens at 2500.
    h.clock.advance(2500)
    h.timers.runDue()
    await turn()
    await h.drive(1500)
    expect(h.results('a').map((r) => [r.scheduledAt - T0, r.startedAt - T0])).toEqual([
      [0, 0],
      [2000, 2500],
      [3000, 3000],
      [4000, 4000]
    ])
    expect(h.poller.stats()).toMatchObject({ lateTicks: 1, missedTicks: 0 })
    expect(h.poller.stats().tickDrift.maxMs).toBe(1500)
    expect(h.poller.stats().startDrift.maxMs).toBe(500)
  })

  it('counts a due instant as missed while the previous poll still runs, and does not stack polls', async () => {
    let running = 0
    let maxRunning = 0
    const h = harness({
      a: () => {
        running++
        maxRunning = Math.max(maxRunning, running)
        return new Promise((resolve) =>
          h.timers.setTimeout(() => {
            running--
            resolve(ok(1))
          }, 2500)
        )
      }
    })
    h.poller.add(signal('a', 1000, 4000))
    await h.drive(6000)
    expect(h.results('a').map((r) => r.scheduledAt - T0)).toEqual([0, 3000])
    expect(maxRunning).toBe(1)
    expect(h.poller.stats()).toMatchObject({ polls: 3, missedTicks: 4, signals: { a: { missedTicks: 4 } } })
  })
})

describe('Poller concurrency', () => {
  it('never runs more polls at once than the cap, queueing the rest in order', async () => {
    const pending: Array<{ id: string; resolve(r: Reading): void }> = []
    const readers: Record<string, () => Promise<Reading>> = {}
    const ids = Array.from({ length: 10 }, (_, i) => `s${i}`)
    for (const id of ids) readers[id] = () => new Promise((resolve) => pending.push({ id, resolve }))
    const h = harness(readers, { concurrency: 3 })
    for (const id of ids) h.poller.add(signal(id, 1000, 900))
    await h.drive(0)
    expect(pending.map((p) => p.id)).toEqual(['s0', 's1', 's2'])
    expect(h.poller.stats()).toMatchObject({ inFlight: 3, queued: 7 })

    h.clock.advance(200)
    pending.shift()?.resolve(ok(1))
    await turn()
    expect(pending.map((p) => p.id)).toEqual(['s1', 's2', 's3'])
    while (pending.length > 0) {
      pending.shift()?.resolve(ok(1))
      await turn()
      expect(h.poller.stats().inFlight).toBeLessThanOrEqual(3)
    }
    const firstRound = h.results()
    expect(firstRound.map((r) => r.signalId)).toEqual(ids)
    expect(firstRound.find((r) => r.signalId === 's3')?.startedAt).toBe(T0 + 200)
    expect(h.poller.stats()).toMatchObject({ maxInFlight: 3, polls: 10, missedTicks: 0 })
    expect(h.poller.stats().startDrift.maxMs).toBe(200)
  })
})

describe('Poller backoff', () => {
  it('waits longer after each failure in a row, up to the cap, and resets on success', async () => {
    let healthy = false
    const h = harness(
      { a: () => (healthy ? ok(1) : { ok: false, reason: 'refused', message: 'connection refused', at: 0 }) },
      { backoff: { factor: 2, maxMs: 8000 } }
    )
    h.poller.add(signal('a'))
    await h.drive(31_000)
    expect(h.results('a').map((r) => [r.scheduledAt - T0, r.consecutiveFailures, r.nextAt - T0])).toEqual([
      [0, 1, 1000],
      [1000, 2, 3000],
      [3000, 3, 7000],
      [7000, 4, 15_000],
      [15_000, 5, 23_000],
      [23_000, 6, 31_000],
      [31_000, 7, 39_000]
    ])
    healthy = true
    await h.drive(10_000)
    expect(h.results('a').slice(7).map((r) => [r.scheduledAt - T0, r.consecutiveFailures])).toEqual([
      [39_000, 0],
      [40_000, 0],
      [41_000, 0]
    ])
    expect(h.poller.stats()).toMatchObject({ failures: 7, backoffSkips: 1 + 3 + 7 + 7 + 7 + 7 })
  })

  it('does not slow a signal polled less often than the cap', async () => {
    const h = harness({ a: () => ({ ok: false, reason: 'http', message: 'HTTP 500', at: 0 }) }, { backoff: { maxMs: 1000 } })
    h.poller.add(signal('a', 5000, 2000))
    await h.drive(15_000)
    expect(h.results('a').map((r) => r.scheduledAt - T0)).toEqual([0, 5000, 10_000, 15_000])
  })
})

describe('Poller never lets an exception escape', () => {
  it('records a throwing, rejecting, garbage-returning or hanging reader as a failure and keeps the others on time', async () => {
    const h = harness({
      sync: () => {
        throw new Error('bug in the reader')
      },
      async: () => Promise.reject(new TypeError('cannot read properties of undefined')),
      garbage: () => undefined as unknown as Reading,
      nan: () => ok(Number.NaN),
      hang: () => new Promise<Reading>(() => {}),
      good: () => ok(7)
    })
    for (const id of ['sync', 'async', 'garbage', 'nan', 'hang', 'good']) h.poller.add(signal(id, 1000, 500))
    await h.drive(3000)
    const first = (id: string) => h.results(id)[0]?.reading
    expect(first('sync')).toMatchObject({ ok: false, reason: 'unparseable', message: 'reading the source failed unexpectedly (bug in the reader)' })
    expect(first('async')).toMatchObject({ ok: false, reason: 'unparseable', message: expect.stringMatching(/cannot read properties/) })
    expect(first('garbage')).toMatchObject({ ok: false, reason: 'unparseable', message: 'the reader returned no reading' })
    expect(first('nan')).toMatchObject({ ok: false, reason: 'non-numeric' })
    // The hanging reader ignores its timeout; the poller's own guard ends it at timeout + grace.
    expect(h.results('hang')[0]).toMatchObject({ scheduledAt: T0, finishedAt: T0 + 750, reading: { ok: false, reason: 'timeout', message: 'timed out after 500 ms' } })
    // Its second timeout in a row backs it off one instant; the third poll is under way.
    expect(h.results('hang').map((r) => r.scheduledAt - T0)).toEqual([0, 1000])
    await h.drive(750)
    expect(h.results('hang').map((r) => r.scheduledAt - T0)).toEqual([0, 1000, 3000])
    expect(h.results('good').map((r) => [r.scheduledAt - T0, r.startedAt - T0])).toEqual([
      [0, 0],
      [1000, 1000],
      [2000, 2000],
      [3000, 3000]
    ])
    expect(h.errors).toEqual([])
  })

  it('aborts a hanging reader when its guard fires', async () => {
    let aborted: unknown
    const h = harness({
      a: (request) =>
        new Promise<Reading>(() => {
          request.signal?.addEventListener('abort', () => (aborted = request.signal?.reason))
        })
    })
    h.poller.add(signal('a', 1000, 500))
    await h.drive(800)
    expect(aborted).toBeInstanceOf(Error)
    expect((aborted as Error).message).toBe('timed out after 500 ms')
  })

  it('reports an exception from onResults and keeps polling', async () => {
    let calls = 0
    const h = harness(
      { a: () => ok(1) },
      {
        onResults: () => {
          calls++
          throw new Error('SQLITE_BUSY: database is locked')
        }
      }
    )
    h.poller.add(signal('a'))
    await h.drive(2000)
    expect(calls).toBe(3)
    expect(h.errors).toHaveLength(3)
    expect((h.errors[0] as Error).message).toMatch(/SQLITE_BUSY/)
  })

  it('records a signal whose reader cannot be built as failing, with the reason', async () => {
    const h = harness(
      {},
      {
        readerFor: () => {
          throw new Error('unsupported source kind "graphite"')
        }
      }
    )
    h.poller.add(signal('a'))
    await h.drive(0)
    expect(h.results('a')[0].reading).toMatchObject({ ok: false, message: 'the signal\'s source could not be set up (unsupported source kind "graphite")' })
  })
})

describe('Poller batches', () => {
  it('delivers the polls of one tick in one batch', async () => {
    const h = harness({ a: () => ok(1), b: () => ok(2), c: () => ok(3) })
    for (const id of ['a', 'b', 'c']) h.poller.add(signal(id))
    await h.drive(2000)
    expect(h.batches.map((b) => b.map((r) => r.signalId))).toEqual([
      ['a', 'b', 'c'],
      ['a', 'b', 'c'],
      ['a', 'b', 'c']
    ])
  })

  it('does not hold finished results back for a straggler longer than the batch window', async () => {
    let release: ((r: Reading) => void) | undefined
    const h = harness(
      { a: () => ok(1), b: () => ok(2), slow: () => new Promise<Reading>((resolve) => (release = resolve)) },
      { batchWindowMs: 50 }
    )
    for (const id of ['a', 'b', 'slow']) h.poller.add(signal(id, 1000, 900))
    await h.drive(49)
    expect(h.batches).toEqual([])
    await h.drive(1)
    expect(h.batches.map((b) => b.map((r) => r.signalId))).toEqual([['a', 'b']])
    h.clock.advance(100)
    release?.(ok(3))
    await turn()
    await h.drive(0)
    expect(h.batches.map((b) => b.map((r) => r.signalId))).toEqual([['a', 'b'], ['slow']])
  })
})

describe('Poller add, update, remove, stop', () => {
  it('refuses a duplicate add and an update of an unknown signal, saying what to do', () => {
    const h = harness({ a: () => ok(1) })
    h.poller.add(signal('a'))
    expect(() => h.poller.add(signal('a'))).toThrow(PollerError)
    expect(() => h.poller.add(signal('a'))).toThrow('Signal "a" is already being polled; use update to change it.')
    expect(() => h.poller.update(signal('b'))).toThrow('Signal "b" is not being polled, so it cannot be updated; add it first.')
  })

  it('drops the result of a poll still running when its signal is removed, and cancels it', async () => {
    let request: ReadRequest | undefined
    let release: ((r: Reading) => void) | undefined
    const h = harness({
      a: (r) => {
        request = r
        return new Promise<Reading>((resolve) => (release = resolve))
      },
      b: () => ok(2)
    })
    h.poller.add(signal('a'))
    h.poller.add(signal('b'))
    await h.drive(0)
    expect(h.poller.remove('a')).toBe(true)
    expect(request?.signal?.aborted).toBe(true)
    release?.(ok(1))
    await h.drive(3000)
    expect(h.results('a')).toEqual([])
    expect(h.results('b')).toHaveLength(4)
    expect(h.poller.has('a')).toBe(false)
    expect(h.poller.remove('a')).toBe(false)
  })

  it('restarts a signal whose source or interval changed, and keeps the schedule for other edits', async () => {
    const seen: string[] = []
    const h = harness({ a: () => ok(1) }, { readerFor: (s) => (seen.push(s.source.kind === 'probe' ? s.source.url : ''), { read: async () => ok(1) }) })
    h.poller.add(signal('a'))
    await h.drive(1500)
    h.poller.update({ ...signal('a'), timeoutMs: 400 })
    await h.drive(0)
    expect(seen).toHaveLength(1)
    h.poller.update({ ...signal('a'), intervalMs: 2000 })
    await h.drive(4000)
    expect(seen).toHaveLength(2)
    expect(h.results('a').map((r) => r.scheduledAt - T0)).toEqual([0, 1000, 1500, 3500, 5500])
  })

  it('stop delivers what it has, cancels the rest and leaves no timer behind', async () => {
    let request: ReadRequest | undefined
    let release: ((r: Reading) => void) | undefined
    const h = harness(
      {
        a: () => ok(1),
        slow: (r) => {
          request = r
          return new Promise<Reading>((resolve) => (release = resolve))
        }
      },
      { batchWindowMs: 1000 }
    )
    h.poller.add(signal('a'))
    h.poller.add(signal('slow', 1000, 900))
    await h.drive(0)
    expect(h.batches).toEqual([])
    h.poller.stop()
    expect(h.batches.map((b) => b.map((r) => r.signalId))).toEqual([['a']])
    expect(request?.signal?.aborted).toBe(true)
    expect(h.timers.pending()).toBe(0)
    release?.(ok(1))
    await h.drive(5000)
    expect(h.results('slow')).toEqual([])
    expect(() => h.poller.add(signal('b'))).toThrow(/the poller has been stopped/)
  })

  it('refuses a concurrency that is not a positive whole number', () => {
    expect(() => harness({}, { concurrency: 0 })).toThrow("The poller's concurrency must be a whole number of at least 1, not 0.")
  })
})

import { phaseOf } from '../../../src/main/monitoring/poller'

describe('spreading signals over their interval', () => {
  it('gives each id a stable phase inside its interval, spread across it', () => {
    const phases = Array.from({ length: 1000 }, (_, i) => phaseOf(`signal-${i}`, 1000))
    expect(phases.every((p) => p >= 0 && p < 1000)).toBe(true)
    expect(phaseOf('signal-7', 1000)).toBe(phaseOf('signal-7', 1000))
    const buckets = new Array(10).fill(0)
    for (const p of phases) buckets[Math.floor(p / 100)]++
    expect(Math.min(...buckets)).toBeGreaterThan(50)
  })
})

describe('phase groups', () => {
  it('polls signals of one phase group at the same instants, even when added at different times', async () => {
    const h = harness({ a: () => ok(1), b: () => ok(2), c: () => ok(3) }, { spread: true })
    h.poller.add({ ...signal('a'), phaseGroup: 'release-1/0' })
    await h.drive(2_345)
    h.poller.add({ ...signal('b'), phaseGroup: 'release-1/0' })
    h.poller.add({ ...signal('c'), phaseGroup: 'release-2/0' })
    await h.drive(5_000)
    const phase = (id: string) => new Set(h.results(id).map((r) => r.scheduledAt % 1000))
    expect(phase('a')).toEqual(new Set([phaseOf('release-1/0', 1000)]))
    expect(phase('b')).toEqual(phase('a'))
    expect(phase('c')).toEqual(new Set([phaseOf('release-2/0', 1000)]))
    expect(phaseOf('release-2/0', 1000)).not.toBe(phaseOf('release-1/0', 1000))
    // b's polls came in the same batches as a's.
    const together = h.batches.filter((batch) => batch.some((r) => r.signalId === 'a') && batch.some((r) => r.signalId === 'b'))
    expect(together.length).toBe(h.results('b').length)
  })
})
