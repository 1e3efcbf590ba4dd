import { afterAll, beforeAll, test } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { SignalService } from '../src/main/signals/signal-service'
import type { WarRoom } from '../src/main/war-room'
import { roomWithSignals } from './signal-room'
import { tempDir } from '../test/support/temp-dir'
import { percentile, report } from './figures'

/**
 * 1,000 signals polled every second for a minute, through the real service (poller, readers, SQLite writes, live
 * events), against JSON endpoints served by a separate process on 127.0.0.1 so their work is not counted here.
 */
const SIGNALS = 1000
const SECONDS = Number(process.env.WARROOM_BENCH_POLLER_SECONDS ?? 60)

let dir: ReturnType<typeof tempDir>
let room: WarRoom
let endpoints: ChildProcess
let port: number

beforeAll(async () => {
  endpoints = spawn(
    process.execPath,
    [
      '-e',
      `const http = require('node:http'); let n = 0;
       const s = http.createServer((req, res) => { n++; res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify({ value: n % 500 })) });
       s.keepAliveTimeout = 1; s.listen(0, '127.0.0.1', () => console.log(s.address().port))`
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  port = await new Promise<number>((resolve) => endpoints.stdout!.once('data', (c: Buffer) => resolve(Number(String(c).trim()))))
  dir = tempDir()
  room = roomWithSignals(dir.path, SIGNALS, (i) => `http://127.0.0.1:${port}/s/${i}`)
})

afterAll(() => {
  room?.close()
  endpoints?.kill()
  dir?.remove()
})

test(`poller: ${SIGNALS} signals at 1 s for ${SECONDS} s`, async () => {
  const loop = monitorEventLoopDelay({ resolution: 5 })
  const service = new SignalService(room, { poller: { concurrency: 64, spread: true }, log: () => undefined })
  // The first seconds spread a thousand new signals over their first interval; judge the steady state after it.
  await new Promise((r) => setTimeout(r, 5000))
  loop.enable()
  const before = service.stats()
  await new Promise((r) => setTimeout(r, SECONDS * 1000))
  loop.disable()
  const after = service.stats()
  service.stop()

  const drift = after.tickDrift.recent
  const p95 = drift.length ? percentile(drift, 95) : after.tickDrift.maxMs
  const startP95 = after.startDrift.recent.length ? percentile(after.startDrift.recent, 95) : after.startDrift.maxMs
  const missed = after.missedTicks - before.missedTicks + (after.lateTicks - before.lateTicks)
  const polls = after.polls - before.polls
  const loopP99 = loop.percentile(99) / 1e6
  report({
    name: `Poller: tick start drift p95 (${SIGNALS} signals at 1 s, ${SECONDS} s)`,
    value: p95,
    unit: 'ms',
    target: '< 50 ms',
    met: p95 < 50,
    note: `poll start p95 ${Math.round(startP95)} ms, queue wait for the concurrency cap included`
  })
  report({ name: 'Poller: event-loop delay p99 during polling', value: loopP99, unit: 'ms', target: '< 20 ms', met: loopP99 < 20 })
  report({
    name: 'Poller: missed ticks',
    value: missed,
    unit: 'ticks',
    target: '0',
    met: missed === 0,
    note: `${polls} polls, ${after.failures - before.failures} failed`
  })
})
