import type http from 'node:http'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SignalService } from '../../src/main/signals/signal-service'
import { openWarRoom, type WarRoom } from '../../src/main/war-room'
import type { Room } from '../../src/shared/room'
import type { SignalDefinitionInput } from '../../src/shared/signal'
import type { SignalView } from '../../src/shared/room-signals'
import { lead, releaseInput } from '../support/fixtures'
import { tempDir } from '../support/temp-dir'
import { closedPort, localServer, type LocalServer } from '../unit/monitoring/local-http'

/**
 * The fault suite through the whole live-health path: real HTTP servers on 127.0.0.1, the real poller on real
 * timers, the real write path into a SQLite file, and what `releases.get` shows. Every way an endpoint can break
 * (hang, reset, 500, garbage, a body too big, a body that drips in a byte at a time, NaN, +Inf, nothing listening)
 * marks only its own signal, with the reason a person can act on, while the healthy signals keep being sampled.
 * Assertions are on outcomes; the only count is a generous "the healthy signals got their samples".
 */
const INTERVAL_MS = 1000
const TIMEOUT_MS = 500
const RUN_MS = 3600

const servers: LocalServer[] = []
const cleanups: (() => void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) c()
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function serve(handler: http.RequestListener): Promise<string> {
  const server = await localServer(handler)
  servers.push(server)
  return server.url
}

/** A body that looks right and would parse, sent one byte every 150 ms: it could never finish inside the timeout. */
function drip(body: string): http.RequestListener {
  return (_req, res) => {
    res.setHeader('content-type', 'application/json')
    res.flushHeaders()
    let i = 0
    const timer = setInterval(() => {
      if (i >= body.length) {
        clearInterval(timer)
        res.end()
        return
      }
      res.write(body[i++])
    }, 150)
    res.on('close', () => clearInterval(timer))
  }
}

/** Streams far more than any poll may read, stopping when the client hangs up. */
function gigantic(): http.RequestListener {
  return (_req, res) => {
    const chunk = Buffer.alloc(64 * 1024, '#')
    let closed = false
    let written = 0
    res.on('close', () => (closed = true))
    const pump = () => {
      while (!closed && written < 200 * 1024 * 1024) {
        written += chunk.length
        if (!res.write(chunk)) return void res.once('drain', pump)
      }
      res.end()
    }
    pump()
  }
}

const health = '{"checks":{"db":{"latencyMs":12.5}}}'

describe('broken monitoring endpoints, through the whole signal service', () => {
  it('mark only their own signal, each with its reason, while the healthy signals keep their samples coming', async () => {
    const sources: Record<string, SignalDefinitionInput['source']> = {
      'healthy json': { kind: 'json', url: await serve((_req, res) => res.end(health)), path: 'checks.db.latencyMs' },
      'healthy scrape': { kind: 'scrape', url: `${await serve((_req, res) => res.end('go_goroutines 37\n'))}/metrics`, metric: 'go_goroutines' },
      hangs: { kind: 'json', url: await serve(() => {}), path: 'checks.db.latencyMs' },
      resets: { kind: 'json', url: await serve((req) => req.socket.resetAndDestroy()), path: 'checks.db.latencyMs' },
      'answers 500': {
        kind: 'json',
        url: await serve((_req, res) => {
          res.statusCode = 500
          res.end('{"error":"database unavailable"}')
        }),
        path: 'checks.db.latencyMs'
      },
      garbage: { kind: 'json', url: await serve((_req, res) => res.end('\u0000\u00ff<html>oops{{{')), path: 'checks.db.latencyMs' },
      gigantic: { kind: 'scrape', url: await serve(gigantic()), metric: 'go_goroutines' },
      'slow drip': { kind: 'json', url: await serve(drip(health)), path: 'checks.db.latencyMs' },
      NaN: { kind: 'scrape', url: await serve((_req, res) => res.end('queue_lag NaN\n')), metric: 'queue_lag' },
      Inf: { kind: 'scrape', url: await serve((_req, res) => res.end('queue_lag +Inf\n')), metric: 'queue_lag' },
      refused: { kind: 'json', url: `http://127.0.0.1:${await closedPort()}/health`, path: 'checks.db.latencyMs' }
    }

    const dir = tempDir()
    const room: WarRoom = openWarRoom({ dbPath: join(dir.path, 'warroom.sqlite') })
    cleanups.push(() => dir.remove(), () => room.close())
    const created = room.dispatch('releases.create', releaseInput())
    if (!created.ok) throw new Error(created.error.message)
    const releaseId = (created.value as { id: string }).id
    const ids: Record<string, string> = {}
    for (const [name, source] of Object.entries(sources)) {
      const out = room.dispatch('signals.add', {
        releaseId,
        signal: { name, source, intervalMs: INTERVAL_MS, timeoutMs: TIMEOUT_MS, thresholds: { direction: 'above', warn: 1e6, critical: 2e6 }, severity: 'medium' },
        actor: lead
      })
      if (!out.ok) throw new Error(out.error.message)
      ids[name] = (out.value as SignalView).id
    }

    // Real timers and the system clock: the slow drip only means something against a timeout that really runs.
    const service = new SignalService(room, { log: () => {}, backfill: false })
    cleanups.push(() => service.stop())
    await new Promise((resolve) => setTimeout(resolve, RUN_MS))

    const got = room.dispatch('releases.get', { releaseId })
    if (!got.ok) throw new Error(got.error.message)
    const status = (name: string) => (got.value as Room).signals.find((s) => s.id === ids[name])!.status

    expect(status('healthy json')).toMatchObject({ state: 'ok', value: 12.5 })
    expect(status('healthy scrape')).toMatchObject({ state: 'ok', value: 37 })
    expect(status('hangs')).toMatchObject({ state: 'error', reason: `timeout: timed out after ${TIMEOUT_MS} ms` })
    expect(status('resets')).toMatchObject({ state: 'error', reason: expect.stringMatching(/^reset: /) })
    expect(status('answers 500')).toMatchObject({ state: 'error', reason: 'HTTP 500 Internal Server Error' })
    expect(status('garbage')).toMatchObject({ state: 'error', reason: expect.stringMatching(/^unparseable: /) })
    expect(status('gigantic')).toMatchObject({ state: 'error', reason: expect.stringMatching(/^too-large: /) })
    // Bytes kept arriving well inside the timeout, yet the whole exchange had to finish within it.
    expect(status('slow drip')).toMatchObject({ state: 'error', reason: `timeout: timed out after ${TIMEOUT_MS} ms` })
    expect(status('NaN')).toMatchObject({ state: 'error', reason: expect.stringMatching(/^non-numeric: .*NaN/) })
    expect(status('Inf')).toMatchObject({ state: 'error', reason: expect.stringMatching(/^non-numeric: .*\+Inf/) })
    expect(status('refused')).toMatchObject({ state: 'error', reason: expect.stringMatching(/^refused: connection refused/) })
    // A broken signal never stores a sample.
    for (const name of Object.keys(sources).filter((n) => !n.startsWith('healthy'))) {
      expect(room.stores.samples.raw(room.stores.signals.get(ids[name])!.sid, 0, Number.MAX_SAFE_INTEGER), name).toEqual([])
    }

    // The healthy ones were sampled throughout: a poll at 0, 1, 2 and 3 s each, of which three is plenty here (the
    // machine may be busy), and every poll of theirs succeeded.
    const stats = service.stats()
    for (const name of ['healthy json', 'healthy scrape']) {
      const samples = room.stores.samples.raw(room.stores.signals.get(ids[name])!.sid, 0, Number.MAX_SAFE_INTEGER)
      expect(samples.length, name).toBeGreaterThanOrEqual(3)
      expect(stats.signals[ids[name]], name).toMatchObject({ failures: 0 })
    }
  })
})
