import type http from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Room } from '../../src/shared/room'
import type { SignalView } from '../../src/shared/room-signals'
import type { DomainEvent } from '../../src/shared/events'
import type { SignalDefinitionInput } from '../../src/shared/signal'
import { manualTimers, type ManualTimers } from '../../src/main/monitoring/timers'
import { PROMETHEUS_MAX_POINTS_PER_SERIES, rangePointCount } from '../../src/main/monitoring/prometheus-api'
import type { BackfillOutcome, PrometheusBackfillOptions } from '../../src/main/signals/prometheus-backfill'
import { SignalService } from '../../src/main/signals/signal-service'
import { testRoom } from '../support/room'
import { lead, releaseInput } from '../support/fixtures'
import { closedPort, localServer, type LocalServer } from '../unit/monitoring/local-http'
import { drive, until } from '../unit/monitoring/settle'

const HOUR = 3_600_000

let t: ReturnType<typeof testRoom>
let timers: ManualTimers
const servers: LocalServer[] = []
const services: SignalService[] = []
beforeEach(() => {
  t = testRoom()
  timers = manualTimers(t.clock)
})
afterEach(async () => {
  for (const s of services.splice(0)) s.stop()
  await Promise.all(servers.splice(0).map((s) => s.close()))
  t.dispose()
})

function call<T>(method: string, input: unknown): T {
  const out = t.room.dispatch(method, input)
  if (!out.ok) throw Object.assign(new Error(out.error.message), { error: out.error })
  return out.value as T
}

/** What the value of the simulated series is at an instant (epoch seconds); some instants hold NaN and +Inf, as Prometheus writes them. */
type Valuer = (tSeconds: number, index: number) => string

interface FakePrometheus {
  url: string
  server: LocalServer
  /** Every query_range request's parameters, in order. */
  ranges: { query: string; start: number; end: number; step: number; headers: http.IncomingHttpHeaders }[]
}

/**
 * A real HTTP server answering /api/v1/query_range as Prometheus does: a matrix whose points sit at start + k·step,
 * values as strings. `/api/v1/query` answers one vector sample, so live polls keep working beside it.
 */
async function fakePrometheus(options: { valuer?: Valuer; range?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean } = {}): Promise<FakePrometheus> {
  const valuer = options.valuer ?? ((_s, i) => String(i))
  const ranges: FakePrometheus['ranges'] = []
  const server = await localServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    res.setHeader('content-type', 'application/json')
    if (url.pathname === '/api/v1/query_range') {
      const start = Number(url.searchParams.get('start'))
      const end = Number(url.searchParams.get('end'))
      const step = Number(url.searchParams.get('step'))
      ranges.push({ query: url.searchParams.get('query') ?? '', start, end, step, headers: req.headers })
      if (options.range?.(req, res)) return
      const values: [number, string][] = []
      for (let k = 0, s = start; s <= end; k++, s = start + k * step) values.push([s, valuer(s, k)])
      res.end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { job: 'checkout' }, values }] } }))
      return
    }
    if (url.pathname === '/api/v1/query') {
      res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [Date.now() / 1000, '7'] }] } }))
      return
    }
    res.statusCode = 404
    res.end('not found')
  })
  servers.push(server)
  return { url: server.url, server, ranges }
}

interface Harness {
  svc: SignalService
  outcomes: BackfillOutcome[]
  logs: string[]
  events: DomainEvent[]
}

function service(backfill: PrometheusBackfillOptions = {}): Harness {
  const outcomes: BackfillOutcome[] = []
  const logs: string[] = []
  const events: DomainEvent[] = []
  t.room.bus.subscribe((e) => events.push(e))
  const svc = new SignalService(t.room, {
    timers,
    log: (m) => logs.push(m),
    retention: { everyMs: 100 * HOUR },
    sweepMs: 100 * HOUR,
    backfill: { secrets: (name) => (name === 'PROM_TOKEN' ? 's3cret' : undefined), ...backfill, onSettled: (o) => outcomes.push(o) }
  })
  services.push(svc)
  return { svc, outcomes, logs, events }
}

const QUERY = 'sum(rate(http_requests_total{code=~"5.."}[1m])) / sum(rate(http_requests_total[1m]))'

const promSignal = (url: string, extra: Partial<SignalDefinitionInput> = {}): SignalDefinitionInput => ({
  name: 'Error ratio',
  source: { kind: 'prometheus', url, query: QUERY },
  intervalMs: 5000,
  timeoutMs: 1000,
  thresholds: { direction: 'above', warn: 1, critical: 5 },
  severity: 'high',
  ...extra
})

function addSignal(releaseId: string, definition: SignalDefinitionInput): SignalView {
  return call<SignalView>('signals.add', { releaseId, signal: definition, actor: lead })
}

const sidOf = (id: string) => t.room.stores.signals.get(id)!.sid
const stored = (id: string) => t.room.stores.samples.raw(sidOf(id), 0, Number.MAX_SAFE_INTEGER)
const statusOf = (releaseId: string, id: string) => call<Room>('releases.get', { releaseId }).signals.find((s) => s.id === id)!.status
const sampleEvents = (events: DomainEvent[]) => events.filter((e): e is Extract<DomainEvent, { type: 'signal.samples' }> => e.type === 'signal.samples')

describe('backfilling a Prometheus signal from /api/v1/query_range', () => {
  it('asks for the last 6 hours at a step that keeps the series near 2,000 points, skips NaN and Inf, writes the rest in one batch and announces it', async () => {
    // Every 100th instant is NaN and every 250th +Inf, as Prometheus writes a 0/0 ratio and a division by zero.
    const prom = await fakePrometheus({ valuer: (_s, i) => (i % 100 === 50 ? 'NaN' : i % 250 === 7 ? '+Inf' : (i / 1000).toFixed(3)) })
    const { id: releaseId } = call<{ id: string }>('releases.create', releaseInput())
    t.clock.advance(8 * HOUR)
    const source = { kind: 'prometheus' as const, url: prom.url, query: QUERY, auth: { kind: 'bearer' as const, tokenEnv: 'PROM_TOKEN' } }
    const signal = addSignal(releaseId, promSignal(prom.url, { scale: 100, source }))
    const before = statusOf(releaseId, signal.id)
    const now = t.clock.now()

    const h = service()
    await until(() => h.outcomes.length === 1, 'the backfill to finish')

    expect(prom.ranges).toHaveLength(1)
    const asked = prom.ranges[0]
    // 6 h / 2,000 points → ⌊21600 / 2000⌋ + 1 = 11 s; the range is pulled onto whole multiples of the step.
    expect(asked.step).toBe(11)
    expect(asked.query).toBe(QUERY)
    expect(asked.start % 11).toBe(0)
    expect(asked.end % 11).toBe(0)
    expect(asked.start * 1000).toBeGreaterThanOrEqual(now - 6 * HOUR)
    expect(asked.start * 1000 - (now - 6 * HOUR)).toBeLessThan(11_000)
    expect(asked.end * 1000).toBeLessThanOrEqual(now)
    expect(now - asked.end * 1000).toBeLessThan(11_000)
    const points = Math.floor((asked.end - asked.start) / asked.step) + 1
    expect(points).toBeLessThanOrEqual(2000)
    expect(points).toBeGreaterThan(1900)
    expect(asked.headers.authorization).toBe('Bearer s3cret')
    expect(asked.headers.accept).toBe('application/json')

    const bad = Array.from({ length: points }, (_, i) => i).filter((i) => i % 100 === 50 || i % 250 === 7)
    const expected = Array.from({ length: points }, (_, i) => i)
      .filter((i) => !bad.includes(i))
      .map((i) => ({ t: (asked.start + i * asked.step) * 1000, v: Number((i / 1000).toFixed(3)) * 100 }))
    const rows = stored(signal.id)
    expect(rows).toHaveLength(points - bad.length)
    expect(rows).toEqual(expected)
    expect(rows.every((r) => Number.isFinite(r.v))).toBe(true)

    const outcome = h.outcomes[0]
    expect(outcome).toMatchObject({ status: 'written', skipped: bad.length, range: { stepSeconds: 11 } })

    // One event, the live shape, every written sample, and no state: the backfill does not judge the signal.
    const announced = sampleEvents(h.events)
    expect(announced).toHaveLength(1)
    expect(announced[0]).toMatchObject({ type: 'signal.samples', releaseId, states: [] })
    expect(announced[0].samples).toEqual(expected.map((s) => ({ signalId: signal.id, ...s })))
    expect(statusOf(releaseId, signal.id)).toEqual(before)
    expect(h.logs).toEqual([])
  })

  it('never reaches back before the release was created, and never steps finer than the poll interval', async () => {
    const prom = await fakePrometheus()
    const { id: releaseId } = call<{ id: string }>('releases.create', releaseInput())
    const created = t.clock.now()
    t.clock.advance(30 * 60_000 + 2_500)
    const signal = addSignal(releaseId, promSignal(prom.url))
    const h = service()
    await until(() => h.outcomes.length === 1, 'the backfill to finish')

    const asked = prom.ranges[0]
    // 30 minutes fit in 2,000 points at 1 s, but the signal polls every 5 s: filling finer would only be denser than live.
    expect(asked.step).toBe(5)
    expect(asked.start * 1000).toBeGreaterThanOrEqual(created)
    expect(asked.start * 1000 - created).toBeLessThan(5000)
    expect(stored(signal.id)).toHaveLength(Math.floor((asked.end - asked.start) / 5) + 1)
    expect(stored(signal.id)[0].t).toBe(asked.start * 1000)
  })

  it('keeps under Prometheus’s 11,000-point limit even when asked for more', async () => {
    const prom = await fakePrometheus()
    const { id: releaseId } = call<{ id: string }>('releases.create', releaseInput())
    t.clock.advance(7 * HOUR)
    const signal = addSignal(releaseId, promSignal(prom.url, { intervalMs: 1000, timeoutMs: 500 }))
    const h = service({ maxPoints: 50_000 })
    await until(() => h.outcomes.length === 1, 'the backfill to finish')
    const asked = prom.ranges[0]
    // ⌊21600 / 11000⌋ + 1 = 2 s.
    expect(asked.step).toBe(2)
    const points = rangePointCount({ startMs: asked.start * 1000, endMs: asked.end * 1000, stepSeconds: asked.step })
    expect(points).toBeLessThanOrEqual(PROMETHEUS_MAX_POINTS_PER_SERIES)
    expect(stored(signal.id)).toHaveLength(points)
  })

  it('logs Prometheus’s error envelope, writes nothing, leaves the state alone and keeps polling', async () => {
    const prom = await fakePrometheus({
      range: (_req, res) => {
        res.statusCode = 400
        res.end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'invalid parameter "query": 1:5: parse error: unclosed left parenthesis' }))
        return true
      }
    })
    const { id: releaseId } = call<{ id: string }>('releases.create', releaseInput())
    t.clock.advance(HOUR)
    const signal = addSignal(releaseId, promSignal(prom.url))
    const before = statusOf(releaseId, signal.id)
    const h = service()
    await until(() => h.outcomes.length === 1, 'the backfill to fail')

    expect(h.outcomes[0]).toMatchObject({ status: 'failed', reason: 'http', message: expect.stringMatching(/^HTTP 400: Prometheus refused the query \(bad_data\): .*unclosed left parenthesis/) })
    expect(h.logs).toHaveLength(1)
    expect(h.logs[0]).toMatch(/^the backfill of "Error ratio" \(.* step 5 s\) failed \(http\): HTTP 400: Prometheus refused the query \(bad_data\).*; live polling carries on$/)
    expect(stored(signal.id)).toEqual([])
    expect(sampleEvents(h.events)).toEqual([])
    expect(statusOf(releaseId, signal.id)).toEqual(before)

    // The live poll is untouched by it.
    await drive(timers, t.clock, 0)
    await until(() => h.svc.stats().inFlight === 0 && h.svc.stats().queued === 0 && stored(signal.id).length === 1, 'the first live poll')
    await drive(timers, t.clock, 0)
    expect(statusOf(releaseId, signal.id)).toMatchObject({ state: 'critical', value: 7 })
  })

  it('logs a refused connection and a timeout with their reasons and carries on', async () => {
    const hanging = await fakePrometheus({ range: () => true })
    const refused = `http://127.0.0.1:${await closedPort()}`
    const { id: releaseId } = call<{ id: string }>('releases.create', releaseInput())
    t.clock.advance(HOUR)
    const a = addSignal(releaseId, promSignal(refused, { name: 'Refused' }))
    const b = addSignal(releaseId, promSignal(hanging.url, { name: 'Hanging' }))
    const h = service({ timeoutMs: 3000 })
    await until(() => h.outcomes.length === 1 && hanging.ranges.length === 1, 'the refused backfill to fail and the hanging one to be asked')
    expect(h.outcomes[0]).toMatchObject({ signalId: a.id, status: 'failed', reason: 'refused' })
    // The timeout runs on the service's timers, so the test moves them rather than waiting.
    timers.advance(3000)
    await until(() => h.outcomes.length === 2, 'the hanging backfill to time out')
    expect(h.outcomes[1]).toMatchObject({ signalId: b.id, status: 'failed', reason: 'timeout', message: 'timed out after 3000 ms' })
    expect(h.logs.map((l) => l.replace(/ \(20.*? s\)/, ''))).toEqual([
      expect.stringMatching(/^the backfill of "Refused" failed \(refused\): connection refused by 127\.0\.0\.1:\d+.*; live polling carries on$/),
      'the backfill of "Hanging" failed (timeout): timed out after 3000 ms; live polling carries on'
    ])
    expect(h.svc.watching().sort()).toEqual([a.id, b.id].sort())
    expect(stored(a.id)).toEqual([])
    expect(stored(b.id)).toEqual([])
  })

  it('refuses an answer with more than one series rather than mixing them into one signal', async () => {
    const server = await localServer((_req, res) => {
      const values = [[1768903200, '1']]
      res.end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { pod: 'a' }, values }, { metric: { pod: 'b' }, values }] } }))
    })
    servers.push(server)
    const { id: releaseId } = call<{ id: string }>('releases.create', releaseInput())
    t.clock.advance(HOUR)
    const signal = addSignal(releaseId, promSignal(server.url))
    const h = service()
    await until(() => h.outcomes.length === 1, 'the backfill to fail')
    expect(h.outcomes[0]).toMatchObject({ status: 'failed', reason: 'unparseable', message: expect.stringContaining('returned 2 series ({pod="a"}, {pod="b"})') })
    expect(stored(signal.id)).toEqual([])
  })

  it('drops a request in flight when the service stops, writing and logging nothing', async () => {
    const prom = await fakePrometheus({ range: () => true })
    const { id: releaseId } = call<{ id: string }>('releases.create', releaseInput())
    t.clock.advance(HOUR)
    const signal = addSignal(releaseId, promSignal(prom.url))
    const h = service()
    const request = await prom.server.nextRequest()
    const closed = new Promise<void>((resolve) => request.socket.once('close', () => resolve()))
    h.svc.stop()
    await until(() => h.outcomes.length === 1, 'the backfill to be cancelled')
    expect(h.outcomes[0]).toEqual({ signalId: signal.id, status: 'cancelled' })
    await closed
    expect(h.logs).toEqual([])
    expect(stored(signal.id)).toEqual([])
    expect(sampleEvents(h.events)).toEqual([])
  })

  it('refetches when the query changes, not when a threshold does, and never for other kinds of signal', async () => {
    const prom = await fakePrometheus()
    const scrape = await localServer((_req, res) => res.end('up 1\n'))
    servers.push(scrape)
    const { id: releaseId } = call<{ id: string }>('releases.create', releaseInput())
    t.clock.advance(HOUR)
    const signal = addSignal(releaseId, promSignal(prom.url))
    addSignal(releaseId, { ...promSignal(prom.url), name: 'Up', source: { kind: 'scrape', url: `${scrape.url}/metrics`, metric: 'up' } })
    const h = service()
    await until(() => h.outcomes.length === 1, 'the first backfill')
    expect(prom.ranges).toHaveLength(1)

    call('signals.update', { signalId: signal.id, signal: { ...promSignal(prom.url), thresholds: { direction: 'above', critical: 50 } }, actor: lead })
    h.svc.resync()
    expect(h.svc.watching()).toHaveLength(2)

    const changed = { ...promSignal(prom.url), source: { kind: 'prometheus' as const, url: prom.url, query: 'sum(rate(http_requests_total{code=~"5.."}[5m]))' } }
    call('signals.update', { signalId: signal.id, signal: changed, actor: lead })
    h.svc.resync()
    await until(() => h.outcomes.length === 2, 'the second backfill')
    expect(prom.ranges.map((r) => r.query)).toEqual([QUERY, changed.source.query])
    expect(scrape.requests.some((r) => r.url?.includes('query_range'))).toBe(false)
  })

  it('can be turned off', async () => {
    const prom = await fakePrometheus()
    const { id: releaseId } = call<{ id: string }>('releases.create', releaseInput())
    t.clock.advance(HOUR)
    addSignal(releaseId, promSignal(prom.url))
    const svc = new SignalService(t.room, { timers, log: () => {}, backfill: false })
    services.push(svc)
    await drive(timers, t.clock, 0)
    await until(() => prom.server.requests.length === 1, 'the first live poll')
    expect(prom.ranges).toEqual([])
  })
})
