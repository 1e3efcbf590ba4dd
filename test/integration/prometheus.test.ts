import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Room } from '../../src/shared/room'
import type { SignalView } from '../../src/shared/room-signals'
import type { LiveSample } from '../../src/shared/events-signals'
import { systemClock } from '../../src/main/clock'
import { startDemoMetricsServer, type DemoMetricsServer } from '../../src/main/demo/demo-metrics/demo-metrics-server'
import { createSourceReader } from '../../src/main/monitoring/source-reader'
import type { BackfillOutcome } from '../../src/main/signals/prometheus-backfill'
import { SignalService } from '../../src/main/signals/signal-service'
import { openWarRoom, type WarRoom } from '../../src/main/war-room'
import { closedPort } from '../unit/monitoring/local-http'
import { tempDir } from '../support/temp-dir'
import { lead, releaseInput } from '../support/fixtures'
import { until } from '../unit/monitoring/settle'

/**
 * Against a real Prometheus (Debian's `prometheus` package; `.ci/run` installs it when missing), started here on a
 * free loopback port with a temporary config that scrapes the demo endpoint every second. Without the binary this test
 * fails rather than skips: it is the only proof that our reading of the HTTP API matches the real server.
 */
const PROMETHEUS = process.env.PROMETHEUS_PATH || '/usr/bin/prometheus'

let dir: ReturnType<typeof tempDir>
let demo: DemoMetricsServer
let prometheus: ChildProcess | undefined
let promUrl: string
let output = ''

async function promQuery(query: string): Promise<number | undefined> {
  const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(query)}`)
  const body = (await res.json()) as { status: string; data?: { result: { value: [number, string] }[] } }
  const first = body.data?.result[0]
  return first ? Number(first.value[1]) : undefined
}

/** Polls Prometheus's own API until it holds, bounded; no fixed sleeps. */
async function eventually(check: () => Promise<boolean>, what: string, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs
  for (;;) {
    try {
      if (await check()) return
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}. Prometheus said:\n${output.slice(-2000)}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

beforeAll(async () => {
  expect(existsSync(PROMETHEUS), `${PROMETHEUS} is missing: install Debian's prometheus package (apt-get install -y prometheus)`).toBe(true)
  dir = tempDir('warroom-prom-')
  demo = await startDemoMetricsServer({ clock: systemClock, trafficPercent: 10 })
  const port = await closedPort()
  promUrl = `http://127.0.0.1:${port}`
  const config = join(dir.path, 'prometheus.yml')
  writeFileSync(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: checkout',
      '    static_configs:',
      `      - targets: ['127.0.0.1:${demo.port}']`,
      ''
    ].join('\n')
  )
  prometheus = spawn(
    PROMETHEUS,
    [`--config.file=${config}`, `--storage.tsdb.path=${join(dir.path, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  )
  prometheus.stdout!.on('data', (c: Buffer) => (output += c.toString()))
  prometheus.stderr!.on('data', (c: Buffer) => (output += c.toString()))
  await eventually(async () => (await promQuery('up{job="checkout"}')) === 1, 'Prometheus to be ready and to have scraped the demo endpoint')
}, 40_000)

afterAll(async () => {
  if (prometheus && prometheus.exitCode === null) {
    const exited = new Promise((r) => prometheus!.once('exit', r))
    prometheus.kill('SIGTERM')
    await exited
  }
  await demo?.close()
  dir?.remove()
})

describe('a prometheus signal against a real Prometheus scraping the demo endpoint', () => {
  it('reads the same value Prometheus reports, through the reader and through the running service', async () => {
    demo.setTrafficPercent(37)
    await eventually(async () => (await promQuery('demo_canary_traffic_percent')) === 37, 'Prometheus to scrape the new traffic %')

    const reader = createSourceReader({ kind: 'prometheus', url: promUrl, query: 'demo_canary_traffic_percent' }, { clock: systemClock })
    expect(await reader.read({ timeoutMs: 2000 })).toMatchObject({ ok: true, value: 37 })

    // A counter changes with every scrape, so compare readings taken between two scrapes: retry until both agree.
    const query = 'sum(http_requests_total{track="baseline"})'
    const counter = createSourceReader({ kind: 'prometheus', url: promUrl, query }, { clock: systemClock })
    let agreed = false
    for (let i = 0; i < 10 && !agreed; i++) {
      const ours = await counter.read({ timeoutMs: 2000 })
      const theirs = await promQuery(query)
      agreed = ours.ok && theirs !== undefined && ours.value === theirs && theirs > 0
    }
    expect(agreed).toBe(true)

    // Prometheus's error envelope becomes the signal's error, word for word.
    const broken = await createSourceReader({ kind: 'prometheus', url: promUrl, query: 'sum(rate(http_requests_total[1m]' }, { clock: systemClock }).read({ timeoutMs: 2000 })
    expect(broken).toMatchObject({ ok: false, reason: 'http', message: expect.stringMatching(/^HTTP 400: Prometheus refused the query \(bad_data\): .*parse error: unclosed left parenthesis/) })

    // The whole path: a signal on a release, polled by the service, stored, and shown by releases.get.
    const room: WarRoom = openWarRoom({ dbPath: join(dir.path, 'warroom.sqlite') })
    const service = new SignalService(room, { log: () => {} })
    try {
      const release = room.dispatch('releases.create', releaseInput())
      if (!release.ok) throw new Error(release.error.message)
      const releaseId = (release.value as { id: string }).id
      const added = room.dispatch('signals.add', {
        releaseId,
        signal: {
          name: 'Canary traffic',
          source: { kind: 'prometheus', url: promUrl, query: 'demo_canary_traffic_percent' },
          unit: '%',
          intervalMs: 1000,
          thresholds: { direction: 'above', critical: 60 },
          severity: 'low'
        },
        actor: lead
      })
      if (!added.ok) throw new Error(added.error.message)
      const id = (added.value as SignalView).id
      const status = () => {
        const out = room.dispatch('releases.get', { releaseId })
        return out.ok ? (out.value as Room).signals.find((s) => s.id === id)?.status : undefined
      }
      await until(() => status()?.state === 'ok', 'the service to read the signal', 8000)
      expect(status()?.value).toBe(await promQuery('demo_canary_traffic_percent'))
    } finally {
      service.stop()
      room.close()
    }
  }, 40_000)

  it('backfills a signal added after some scrapes with exactly what /api/v1/query_range reports', async () => {
    const query = 'demo_canary_traffic_percent'
    const room: WarRoom = openWarRoom({ dbPath: join(dir.path, 'backfill.sqlite') })
    const outcomes: BackfillOutcome[] = []
    const logs: string[] = []
    const service = new SignalService(room, { log: (m) => logs.push(m), backfill: { onSettled: (o) => outcomes.push(o) } })
    try {
      const release = room.dispatch('releases.create', releaseInput())
      if (!release.ok) throw new Error(release.error.message)
      const releaseId = (release.value as { id: string }).id
      // History worth filling: two values, each held by Prometheus for two seconds of scrapes (so each covers a
      // whole-second instant of the range), after the release was created.
      const steady = async (v: number) =>
        (await promQuery(`min_over_time(${query}[2s])`)) === v && (await promQuery(`max_over_time(${query}[2s])`)) === v
      demo.setTrafficPercent(20)
      await eventually(() => steady(20), 'Prometheus to hold 20 % for two seconds')
      demo.setTrafficPercent(45)
      await eventually(() => steady(45), 'Prometheus to hold 45 % for two seconds')

      const added = room.dispatch('signals.add', {
        releaseId,
        signal: { name: 'Canary traffic', source: { kind: 'prometheus', url: promUrl, query }, unit: '%', intervalMs: 1000, thresholds: { direction: 'above', critical: 60 }, severity: 'low' },
        actor: lead
      })
      if (!added.ok) throw new Error(added.error.message)
      const id = (added.value as SignalView).id
      const events: LiveSample[][] = []
      room.bus.subscribe((e) => {
        if (e.type === 'signal.samples' && e.states.length === 0) events.push(e.samples)
      })
      await until(() => outcomes.length === 1, 'the backfill to finish', 10_000)
      const outcome = outcomes[0]
      if (outcome.status !== 'written') throw new Error(`backfill ${outcome.status}: ${JSON.stringify(outcome)} ${logs.join('; ')}`)
      expect(outcome.range.stepSeconds).toBe(1)

      // Ask Prometheus the same question ourselves and compare, point for point.
      const { startMs, endMs, stepSeconds } = outcome.range
      const res = await fetch(`${promUrl}/api/v1/query_range?query=${encodeURIComponent(query)}&start=${startMs / 1000}&end=${endMs / 1000}&step=${stepSeconds}`)
      const body = (await res.json()) as { status: string; data: { resultType: string; result: { values: [number, string][] }[] } }
      expect(body.data.resultType).toBe('matrix')
      expect(body.data.result).toHaveLength(1)
      const theirs = body.data.result[0].values.map(([t, v]) => ({ signalId: id, t: Math.round(t * 1000), v: Number(v) }))
      expect(theirs.length).toBeGreaterThan(1)
      expect(outcome.samples).toEqual(theirs)
      expect(events).toEqual([theirs])
      expect(theirs.some((s) => s.v === 20) && theirs.some((s) => s.v === 45)).toBe(true)

      const sid = room.stores.signals.get(id)!.sid
      const stored = new Map(room.stores.samples.raw(sid, startMs, endMs).map((s) => [s.t, s.v]))
      for (const s of theirs) expect(stored.get(s.t)).toBe(s.v)
      expect(logs).toEqual([])
    } finally {
      service.stop()
      room.close()
    }
  }, 40_000)
})
