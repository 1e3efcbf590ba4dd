import { afterEach, beforeEach, expect, it } from 'vitest'
import { manualTimers } from '../../src/main/monitoring/timers'
import { SignalService } from '../../src/main/signals/signal-service'
import { releaseWithProbeSignals } from '../support/probe-signals'
import { countRows, testRoom } from '../support/room'

/**
 * Live samples land in the small recent table and are settled into the per-signal one; rollups follow a couple of
 * minutes behind. Whichever table a reading is in, every read sees it once.
 */
let t: ReturnType<typeof testRoom>
let service: SignalService | undefined
beforeEach(() => {
  t = testRoom()
})
afterEach(() => {
  service?.stop()
  t.dispose()
})

const MINUTE = 60_000
const HOUR = 60 * MINUTE

const addSignals = (count: number) => releaseWithProbeSignals(t.room, count)

function startService(): SignalService {
  service = new SignalService(t.room, { timers: manualTimers(t.clock), log: () => {}, backfill: false, retention: { rowBudget: 1_000_000 } })
  return service
}

/** `seconds` live ticks of every signal, ending now, as the poller writes them: value = signal index * 1000 + second. */
function liveTicks(signals: { sid: number }[], seconds: number): void {
  const now = t.clock.now()
  t.room.transact((ctx) => {
    const rows: number[] = []
    for (let k = 0; k < seconds; k++) signals.forEach((s, i) => rows.push(s.sid, now - (seconds - 1 - k) * 1000, i * 1000 + k))
    ctx.samples.insertLive(rows)
  })
}

it('reads live samples before and after they are settled, each once, and empties the recent table', () => {
  const signals = addSignals(3)
  liveTicks(signals, 90)
  const now = t.clock.now()
  const read = (sid: number) => ({
    raw: t.room.stores.samples.raw(sid, 0, now),
    mean: t.room.stores.samples.mean(sid, 0, now),
    stats: t.room.stores.signalStats.stats(sid, 0, now),
    chart: t.room.stores.samples.range(sid, now - 15 * MINUTE, now, 40)
  })
  const before = signals.map((s) => read(s.sid))
  expect(before[1].raw).toHaveLength(90)
  expect(before[1].mean).toEqual({ mean: 1000 + 44.5, n: 90 })
  expect(before[1].stats).toMatchObject({ count: 90, min: 1000, max: 1089, last: 1089 })
  expect(countRows(t.room, 'recent_samples')).toBe(270)

  expect(startService().settle()).toBe(270)
  expect(countRows(t.room, 'recent_samples')).toBe(0)
  expect(countRows(t.room, 'samples')).toBe(270)
  expect(signals.map((s) => read(s.sid))).toEqual(before)
})

it('settles every signal’s live samples on schedule, a slice of signals to a transaction, stranding none at slice edges', () => {
  const signals = addSignals(250)
  liveTicks(signals, 2)
  const timers = manualTimers(t.clock)
  service = new SignalService(t.room, { timers, log: () => {}, backfill: false, retention: { settleEveryMs: 30_000, settleSlice: 100 } })
  timers.advance(30_000)
  // All three slices ran, each in its own turn of the timers: after the third nothing is left and the next round is armed.
  expect(countRows(t.room, 'recent_samples')).toBe(0)
  expect(countRows(t.room, 'samples')).toBe(500)
  liveTicks(signals, 1)
  timers.advance(29_999)
  expect(countRows(t.room, 'recent_samples')).toBe(250)
  timers.advance(1)
  expect(countRows(t.room, 'recent_samples')).toBe(0)
})

it('summarizes minutes behind the present, so a long chart reads rollups and still shows a one-second spike', () => {
  const [{ sid }] = addSignals(1)
  const now = t.clock.now()
  const start = now - 6 * HOUR
  t.room.transact((ctx) => {
    for (let i = 0; i < 6 * 3600; i++) ctx.samples.insert(sid, start + i * 1000, i === 4321 ? 500 : 10 + (i % 7))
  })
  const unsummarized = t.room.stores.samples.range(sid, start, now, 400)
  startService().applyRetention()
  // Rollups up to two minutes ago at most, from the oldest sample's minute.
  const horizon = (t.room.db.prepare('SELECT summarized_to AS h FROM signals WHERE sid = ?').get(sid) as { h: number }).h
  expect(horizon).toBeLessThanOrEqual(now - 2 * MINUTE)
  expect(horizon).toBeGreaterThan(now - 4 * MINUTE)
  expect(countRows(t.room, 'sample_rollups')).toBe((horizon - start) / MINUTE)

  const summarized = t.room.stores.samples.range(sid, start, now, 400)
  expect(summarized.decimated).toBe(true)
  expect(summarized.total).toBe(6 * 3600)
  expect(Math.max(...summarized.points.map((p) => p.v))).toBe(500)
  expect(Math.min(...summarized.points.map((p) => p.v))).toBe(10)
  // The same buckets' extremes as when every raw sample was walked.
  expect(summarized.points.length).toBeGreaterThan(0.9 * unsummarized.points.length)
  // Raw and rollups overlap now; exact figures count every reading once.
  expect(t.room.stores.samples.mean(sid, start, now)?.n).toBe(6 * 3600)
  expect(t.room.stores.signalStats.stats(sid, start, now).count).toBe(6 * 3600)
})

it('drops raw samples past their age only once they are summarized, keeping exact means', () => {
  const [{ sid }] = addSignals(1)
  const now = t.clock.now()
  const start = now - 50 * HOUR
  t.room.transact((ctx) => {
    for (let i = 0; i < 3 * 60; i++) ctx.samples.insert(sid, start + i * MINUTE, i)
  })
  const expected = t.room.stores.samples.mean(sid, start, now)
  const svc = startService()
  let folded = 0
  for (let i = 0; i < 20; i++) folded += svc.applyRetention().folded
  // The two hours past the 48-hour line are gone from raw, the hour inside it stays.
  expect(folded).toBe(120)
  expect(t.room.stores.samples.raw(sid, start, now)).toHaveLength(60)
  expect(t.room.stores.samples.mean(sid, start, now)).toEqual(expected)
  expect(t.room.stores.samples.range(sid, start, now, 100_000).points).toHaveLength(2 * 120 + 60)
})

it('counts a reading from the past into its minute when that minute was already summarized', () => {
  const [{ sid }] = addSignals(1)
  const now = t.clock.now()
  t.room.transact((ctx) => {
    for (let i = 0; i < 30; i++) ctx.samples.insert(sid, now - 30 * MINUTE + i * MINUTE, 1)
  })
  startService().applyRetention()
  const minute = Math.floor((now - 20 * MINUTE) / MINUTE) * MINUTE
  t.room.stores.samples.insert(sid, minute + 30_000, 9)
  const row = t.room.db.prepare('SELECT n, hi, total FROM sample_rollups WHERE sid = ? AND t = ?').get(sid, minute)
  expect(row).toEqual({ n: 2, hi: 9, total: 10 })
})

it('folds every signal’s samples past the retention age in one step when the budget allows, keeping each last value', () => {
  const sids = releaseWithProbeSignals(t.room, 5)
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
