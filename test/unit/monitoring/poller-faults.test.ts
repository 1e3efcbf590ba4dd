import type http from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { manualClock } from '../../../src/main/clock'
import { Poller, type PollResult } from '../../../src/main/monitoring/poller'
import { createSourceReader } from '../../../src/main/monitoring/source-reader'
import { manualTimers } from '../../../src/main/monitoring/timers'
import type { SignalSource } from '../../../src/shared/signal'
import { closedPort, localServer, type LocalServer } from './local-http'
import { GO_SERVICE_METRICS, HEALTH_JSON } from './payloads'
import { drive, until } from './settle'

const MiB = 1024 * 1024
const T0 = Date.parse('2026-01-20T10:00:00Z')
const servers: LocalServer[] = []
let bigBody = { written: 0, closed: 0 }

async function serve(handler: http.RequestListener): Promise<string> {
  const server = await localServer(handler)
  servers.push(server)
  return server.url
}

beforeEach(() => {
  bigBody = { written: 0, closed: 0 }
})
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

/** Ten signals against real servers on 127.0.0.1: three healthy, seven each failing in its own way. */
async function fleet(): Promise<Record<string, SignalSource>> {
  const metrics = await serve((_req, res) => res.end(GO_SERVICE_METRICS))
  const health = await serve((_req, res) => {
    res.setHeader('content-type', 'application/json')
    res.end(HEALTH_JSON)
  })
  const hanging = await serve(() => {})
  const failing = await serve((_req, res) => {
    res.statusCode = 500
    res.end('{"error":"database unavailable"}')
  })
  const malformed = await serve((_req, res) => res.end('{"checks": {"db": {"latencyMs": 12.5,'))
  const huge = await serve((_req, res) => {
    const chunk = Buffer.alloc(64 * 1024, '#')
    let closed = false
    res.on('close', () => {
      closed = true
      bigBody.closed++
    })
    const pump = () => {
      while (!closed && bigBody.written < 50 * 1000 * 1000) {
        bigBody.written += chunk.length
        if (!res.write(chunk)) return void res.once('drain', pump)
      }
      res.end()
    }
    pump()
  })
  const resetting = await serve((req) => req.socket.resetAndDestroy())
  const refusedPort = await closedPort()

  return {
    goroutines: { kind: 'scrape', url: `${metrics}/metrics`, metric: 'go_goroutines' },
    dbLatency: { kind: 'json', url: `${health}/health`, path: 'checks.db.latencyMs' },
    up: { kind: 'probe', url: `${health}/health` },
    hanging: { kind: 'json', url: hanging, path: 'checks.db.latencyMs' },
    http500: { kind: 'json', url: failing, path: 'checks.db.latencyMs' },
    malformed: { kind: 'json', url: malformed, path: 'checks.db.latencyMs' },
    huge: { kind: 'scrape', url: huge, metric: 'go_goroutines' },
    refused: { kind: 'scrape', url: `http://127.0.0.1:${refusedPort}/metrics`, metric: 'up' },
    reset: { kind: 'scrape', url: resetting, metric: 'up' },
    nonNumeric: { kind: 'json', url: `${health}/health`, path: 'checks.queue.lag' }
  }
}

describe('a poller over real endpoints, some of them broken', () => {
  it('marks only each broken signal, with its reason, while the others keep their schedule', async () => {
    const sources = await fleet()
    const clock = manualClock(T0)
    const timers = manualTimers(clock)
    const batches: PollResult[][] = []
    const poller = new Poller({
      clock,
      timers,
      concurrency: 16,
      batchWindowMs: 100,
      onResults: (batch) => batches.push(batch),
      readerFor: (s) => createSourceReader(s.source, { clock, timers, maxBytes: MiB })
    })
    for (const [id, source] of Object.entries(sources)) poller.add({ id, source, intervalMs: 1000, timeoutMs: 500 })
    const results = (id: string) => batches.flat().filter((r) => r.signalId === id)

    /** Lets the real sockets answer every poll but the hanging one, then runs the timers (timeouts, batch window) on. */
    const answerThenAdvance = async (ms: number) => {
      await until(() => poller.stats().inFlight <= 1 && poller.stats().queued === 0, 'every poll but the hanging one to finish')
      await drive(timers, clock, ms)
    }
    try {
      await drive(timers, clock, 0)
      await answerThenAdvance(1000)
      await answerThenAdvance(1000)
      await answerThenAdvance(999)

      const reading = (id: string, n = 0) => results(id)[n]?.reading
      expect(reading('goroutines')).toMatchObject({ ok: true, value: 37 })
      expect(reading('dbLatency')).toMatchObject({ ok: true, value: 12.5 })
      expect(reading('up')).toMatchObject({ ok: true, value: 1, probe: { up: true, status: 200 } })
      expect(reading('hanging')).toMatchObject({ ok: false, reason: 'timeout', message: 'timed out after 500 ms' })
      expect(reading('http500')).toMatchObject({ ok: false, reason: 'http', message: 'HTTP 500 Internal Server Error', status: 500 })
      expect(reading('malformed')).toMatchObject({ ok: false, reason: 'unparseable', message: expect.stringMatching(/not valid JSON/) })
      expect(reading('huge')).toMatchObject({ ok: false, reason: 'too-large', message: 'the response passed the 1 MiB limit for a poll; reading stopped there' })
      expect(reading('refused')).toMatchObject({ ok: false, reason: 'refused', message: expect.stringMatching(/^connection refused by 127\.0\.0\.1:\d+/) })
      expect(reading('reset')).toMatchObject({ ok: false, reason: 'reset' })
      expect(reading('nonNumeric')).toMatchObject({ ok: false, reason: 'non-numeric', message: 'the value at checks.queue.lag is "high", not a number' })

      // The healthy signals polled at every instant, on time, whatever the broken ones were doing.
      for (const id of ['goroutines', 'dbLatency', 'up']) {
        expect(results(id).map((r) => [r.scheduledAt - T0, r.startedAt - T0, r.reading.ok]), id).toEqual([
          [0, 0, true],
          [1000, 1000, true],
          [2000, 2000, true]
        ])
      }
      // The broken ones failed twice in a row, so each skips the instant at 2000 and tries again at 3000.
      for (const id of ['hanging', 'http500', 'malformed', 'huge', 'refused', 'reset', 'nonNumeric']) {
        expect(results(id).map((r) => [r.scheduledAt - T0, r.consecutiveFailures, r.nextAt - T0]), id).toEqual([
          [0, 1, 1000],
          [1000, 2, 3000]
        ])
      }
      const stats = poller.stats()
      expect(stats.missedTicks).toBe(0)
      expect(stats.startDrift.maxMs).toBe(0)
      expect(stats.signals.goroutines).toMatchObject({ polls: 3, failures: 0, missedTicks: 0 })

      // The 50 MB body was cut off each time, long before the server could send it.
      await until(() => bigBody.closed === 2, 'the big-body server to see both connections dropped')
      expect(bigBody.written).toBeLessThan(2 * 20 * MiB)
    } finally {
      poller.stop()
    }
    expect(timers.pending()).toBe(0)
  })
})
