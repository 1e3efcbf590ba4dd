import { afterAll, beforeAll, test } from 'vitest'
import { performance } from 'node:perf_hooks'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { SignalService } from '../src/main/signals/signal-service'
import { manualTimers } from '../src/main/monitoring/timers'
import { manualClock } from '../src/main/clock'
import type { PollResult } from '../src/main/monitoring/poller'
import type { WarRoom } from '../src/main/war-room'
import { roomWithSignals } from './signal-room'
import { tempDir } from '../test/support/temp-dir'
import { report } from './figures'

/**
 * Samples per second through the app's write path, one transaction per tick as the poller delivers them (insert,
 * each signal's state judged, its row written when the state changed, the live event), against a bare
 * better-sqlite3 batched insert of the same rows on the same kind of table with the same durability (WAL,
 * synchronous=FULL) in the same run: one prepared single-row INSERT per sample, one transaction per tick.
 */
const SIGNALS = 1000
const TICKS = 200

let dir: ReturnType<typeof tempDir>
let room: WarRoom
let service: SignalService

beforeAll(() => {
  dir = tempDir()
  room = roomWithSignals(dir.path, SIGNALS, () => 'http://127.0.0.1:9/health')
  // Manual timers: the service is built as in the app, but nothing polls on its own while the batches are timed.
  service = new SignalService(room, { timers: manualTimers(manualClock()), log: () => undefined })
})

afterAll(() => {
  service.stop()
  room.close()
  dir.remove()
})

test('ingest: app write path vs bare batched insert', () => {
  const ids = service.watching()
  const write = (batch: PollResult[]) => (service as unknown as { write(b: PollResult[]): void }).write(batch)
  const t0 = Date.now()
  const batchAt = (tick: number): PollResult[] =>
    ids.map((signalId, i) => {
      const at = t0 + tick * 1000
      return { signalId, scheduledAt: at, startedAt: at, finishedAt: at + 3, reading: { ok: true, value: (i * 7 + tick) % 500, at }, consecutiveFailures: 0, nextAt: at + 1000 }
    })
  const batches = Array.from({ length: TICKS }, (_, k) => batchAt(k))

  let s = performance.now()
  for (const b of batches) write(b)
  const appSeconds = (performance.now() - s) / 1000
  const appRate = (SIGNALS * TICKS) / appSeconds

  const bare = new Database(join(dir.path, 'bare.sqlite'))
  bare.pragma('journal_mode = WAL')
  bare.pragma('synchronous = FULL')
  bare.exec('CREATE TABLE samples (sid INTEGER NOT NULL, t INTEGER NOT NULL, v REAL NOT NULL, PRIMARY KEY (sid, t)) STRICT, WITHOUT ROWID')
  const insert = bare.prepare('INSERT OR REPLACE INTO samples (sid, t, v) VALUES (?, ?, ?)')
  const tick = bare.transaction((b: PollResult[]) => {
    b.forEach((r, i) => insert.run(i + 1, r.scheduledAt, r.reading.ok ? r.reading.value : 0))
  })
  s = performance.now()
  for (const b of batches) tick(b)
  const bareRate = (SIGNALS * TICKS) / ((performance.now() - s) / 1000)
  bare.close()

  report({ name: 'Ingest: bare better-sqlite3 batched insert', value: bareRate, unit: 'samples/s', target: 'reference', met: true })
  report({
    name: `Ingest: app write path (${SIGNALS} signals a tick, state and live event included)`,
    value: appRate,
    unit: 'samples/s',
    target: '≥ 200,000/s and ≥ 70% of bare',
    met: appRate >= 200_000 && appRate >= 0.7 * bareRate,
    note: `${Math.round((appRate / bareRate) * 100)}% of bare`
  })
})
