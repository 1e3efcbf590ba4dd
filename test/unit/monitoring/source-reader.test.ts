import type http from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { manualClock } from '../../../src/main/clock'
import { createSourceReader, type SourceReaderDeps } from '../../../src/main/monitoring/source-reader'
import { manualTimers } from '../../../src/main/monitoring/timers'
import type { SignalSource } from '../../../src/shared/signal'
import { closedPort, localServer, type LocalServer } from './local-http'
import { CHECKOUT_BUCKETS, GO_SERVICE_METRICS, HEALTH_JSON, PROM_EMPTY_VECTOR, PROM_ERROR, PROM_NAN_VECTOR, PROM_TWO_SERIES, PROM_VECTOR } from './payloads'
import { until } from './settle'

const servers: LocalServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

/** A server whose answer the test changes between polls. */
async function answering(initial: { status?: number; type?: string; body: string }) {
  const state = { ...initial }
  const server = await localServer((_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(state.status ?? 200, { 'content-type': state.type ?? 'text/plain; version=0.0.4' })
    res.end(state.body)
  })
  servers.push(server)
  return { server, state }
}

function setup(source: SignalSource, extra: Partial<SourceReaderDeps> = {}) {
  const clock = manualClock()
  const timers = manualTimers(clock)
  const reader = createSourceReader(source, { clock, timers, ...extra })
  return { clock, timers, read: () => reader.read({ timeoutMs: 1000 }) }
}

describe('scrape sources', () => {
  it('reads a gauge selected by name and labels', async () => {
    const { server } = await answering({ body: GO_SERVICE_METRICS })
    const goroutines = setup({ kind: 'scrape', url: `${server.url}/metrics`, metric: 'go_goroutines' })
    const reading = await goroutines.read()
    expect(reading).toEqual({ ok: true, value: 37, at: Date.parse('2026-01-20T10:00:00Z') })
    const disk = setup({ kind: 'scrape', url: `${server.url}/metrics`, metric: 'node_filesystem_avail_bytes', labels: { mountpoint: '/' } })
    expect(await disk.read()).toMatchObject({ ok: true, value: 1.23456789e11 })
    expect(server.requests[0].headers.accept).toMatch(/^text\/plain;version=0\.0\.4/)
  })

  it('refuses to guess between several matching gauge series', async () => {
    const { server } = await answering({ body: GO_SERVICE_METRICS })
    const { read } = setup({ kind: 'scrape', url: server.url, metric: 'node_filesystem_avail_bytes' })
    expect(await read()).toMatchObject({
      ok: false,
      reason: 'unparseable',
      message: expect.stringMatching(/^2 series match node_filesystem_avail_bytes \(node_filesystem_avail_bytes\{device="\/dev\/nvme0n1p2".*\); add labels so exactly one matches$/)
    })
  })

  it('says when nothing matches', async () => {
    const { server } = await answering({ body: GO_SERVICE_METRICS })
    const { read } = setup({ kind: 'scrape', url: server.url, metric: 'node_cpu_seconds_total', labels: { mode: 'steal' } })
    expect(await read()).toMatchObject({
      ok: false,
      reason: 'no-data',
      message: 'the scrape has no series node_cpu_seconds_total{mode="steal"}; check the metric name and labels'
    })
  })

  it('fails NaN and +Inf values as non-numeric, naming the series', async () => {
    const { server } = await answering({ body: GO_SERVICE_METRICS })
    expect(await setup({ kind: 'scrape', url: server.url, metric: 'cache_hit_ratio' }).read()).toMatchObject({
      ok: false,
      reason: 'non-numeric',
      message: 'the value of cache_hit_ratio{cache="sessions"} is NaN (not a number)'
    })
    expect(await setup({ kind: 'scrape', url: server.url, metric: 'something_weird' }).read()).toMatchObject({
      ok: false,
      reason: 'non-numeric',
      message: 'the value of something_weird{problem="division by zero"} is +Inf'
    })
  })

  it('calls broken exposition text unparseable, with the line', async () => {
    const { server } = await answering({ body: '# TYPE up gauge\nup{job="api"} yes\n' })
    expect(await setup({ kind: 'scrape', url: server.url, metric: 'up' }).read()).toMatchObject({
      ok: false,
      reason: 'unparseable',
      message: expect.stringMatching(/line 2: "yes" is not a number/)
    })
  })

  it('turns a counter into a per-second rate between scrapes, across a restart', async () => {
    const counter = (n: number) => `# TYPE http_requests_total counter\nhttp_requests_total{code="500"} ${n}\nhttp_requests_total{code="200"} 99999\n`
    const { server, state } = await answering({ body: counter(1000) })
    const { read, clock } = setup({ kind: 'scrape', url: server.url, metric: 'http_requests_total', labels: { code: '500' }, rate: true })
    expect(await read()).toMatchObject({ ok: false, reason: 'no-data', message: expect.stringMatching(/^first scrape of http_requests_total\{code="500"\}; its rate needs a second one/) })
    clock.advance(5000)
    state.body = counter(1050)
    expect(await read()).toMatchObject({ ok: true, value: 10 })
    clock.advance(5000)
    state.body = counter(5) // the service restarted
    expect(await read()).toMatchObject({ ok: true, value: 1 })
  })

  it('keeps the last good reading across a failed scrape, so the next rate spans the gap', async () => {
    const { server, state } = await answering({ body: 'c_total 100\n' })
    const { read, clock } = setup({ kind: 'scrape', url: server.url, metric: 'c_total', rate: true })
    await read()
    clock.advance(5000)
    state.status = 500
    expect(await read()).toMatchObject({ ok: false, reason: 'http', status: 500 })
    clock.advance(5000)
    state.status = 200
    state.body = 'c_total 200\n'
    expect(await read()).toMatchObject({ ok: true, value: 10 })
  })

  it('sums the rate over every matching series, as sum(rate(…)) does', async () => {
    const { server, state } = await answering({ body: GO_SERVICE_METRICS })
    const { read, clock } = setup({ kind: 'scrape', url: server.url, metric: 'node_cpu_seconds_total', labels: { mode: 'idle' }, rate: true })
    await read()
    clock.advance(10_000)
    state.body = GO_SERVICE_METRICS.replace('{cpu="0",mode="idle"} 98765.43', '{cpu="0",mode="idle"} 98774.43').replace(
      '{cpu="1",mode="idle"} 98001.2',
      '{cpu="1",mode="idle"} 98009.2'
    )
    const reading = await read()
    expect(reading.ok && reading.value).toBeCloseTo(1.7, 9)
  })

  it('estimates a histogram quantile from cumulative buckets', async () => {
    const { server } = await answering({ body: GO_SERVICE_METRICS })
    const { read } = setup({ kind: 'scrape', url: server.url, metric: 'http_request_duration_seconds', labels: { handler: '/api/checkout' }, quantile: 0.5 })
    const reading = await read()
    expect(reading.ok && reading.value).toBeCloseTo(0.1 + 0.1 * (38716 / 66948), 12)
    const named = setup({ kind: 'scrape', url: server.url, metric: 'http_request_duration_seconds_bucket', labels: { handler: '/api/checkout' }, quantile: 0.9 })
    const p90 = await named.read()
    expect(p90.ok && p90.value).toBeCloseTo(0.5 + 0.5 * (499 / 4599), 12)
  })

  it('estimates a quantile over the interval between scrapes when rate is set', async () => {
    const body = (extraSlow: number, extraFast: number) =>
      CHECKOUT_BUCKETS.map(([le, count]) => {
        const bound = le === Number.POSITIVE_INFINITY ? '+Inf' : String(le)
        const added = (le >= 0.05 ? extraFast : 0) + (le >= 1 ? extraSlow : 0)
        return `h_bucket{le="${bound}",instance="canary-0"} ${count + added}`
      }).join('\n')
    const { server, state } = await answering({ body: body(0, 0) })
    const { read, clock } = setup({ kind: 'scrape', url: server.url, metric: 'h', quantile: 0.95, rate: true })
    expect(await read()).toMatchObject({ ok: false, reason: 'no-data', message: expect.stringMatching(/^first scrape of h_bucket/) })
    clock.advance(5000)
    expect(await read()).toMatchObject({ ok: false, reason: 'no-data', message: 'h_bucket has no observations between the last two scrapes, so there is no quantile to estimate' })
    clock.advance(5000)
    state.body = body(0, 100) // 100 fast requests: p95 inside the first bucket
    const fast = await read()
    expect(fast.ok && fast.value).toBeCloseTo(0.0475, 12)
    clock.advance(5000)
    state.body = body(100, 100) // then 100 slow ones (between 0.5 s and 1 s)
    const slow = await read()
    expect(slow.ok && slow.value).toBeCloseTo(0.975, 12)
  })
})

describe('JSON sources', () => {
  const json = async (path: string, body = HEALTH_JSON) => {
    const { server } = await answering({ body, type: 'application/json' })
    return setup({ kind: 'json', url: `${server.url}/health`, path }).read()
  }

  it('selects a number, a numeric string and a boolean', async () => {
    expect(await json('checks.db.latencyMs')).toMatchObject({ ok: true, value: 12.5 })
    expect(await json('checks.cache.latencyMs')).toMatchObject({ ok: true, value: 0.8 })
    expect(await json('checks.cache.healthy')).toMatchObject({ ok: true, value: 1 })
    expect(await json('items[0].value')).toMatchObject({ ok: true, value: 0.0012 })
  })

  it('names the missing segment', async () => {
    expect(await json('checks.database.latencyMs')).toMatchObject({ ok: false, reason: 'no-data', message: 'no key "database" in checks (it has db, cache, queue)' })
  })

  it('fails a value that is not a number, saying what it is', async () => {
    expect(await json('checks.queue.lag')).toMatchObject({ ok: false, reason: 'non-numeric', message: 'the value at checks.queue.lag is "high", not a number' })
    expect(await json('checks.queue.depth')).toMatchObject({ ok: false, reason: 'non-numeric', message: 'the value at checks.queue.depth is null, not a number' })
    expect(await json('checks.db')).toMatchObject({ ok: false, reason: 'non-numeric', message: 'the value at checks.db is an object, not a number' })
  })

  it('calls malformed JSON unparseable', async () => {
    expect(await json('checks.db.latencyMs', '{"checks": {"db": {"latencyMs": 12.5,}}')).toMatchObject({
      ok: false,
      reason: 'unparseable',
      message: expect.stringMatching(/^the response is not valid JSON \(/)
    })
  })
})

describe('Prometheus sources', () => {
  async function prometheus(respond: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
    const server = await localServer(respond)
    servers.push(server)
    return server
  }
  const json = (res: http.ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(body)
  }

  it('runs an instant query with a bearer token from the named variable', async () => {
    const server = await prometheus((_req, res) => json(res, 200, PROM_VECTOR))
    const secrets = (name: string) => (name === 'PROM_TOKEN' ? 's3cret' : undefined)
    const { read } = setup({ kind: 'prometheus', url: `${server.url}/prom`, query: 'up{job="prometheus"}', auth: { kind: 'bearer', tokenEnv: 'PROM_TOKEN' } }, { secrets })
    expect(await read()).toMatchObject({ ok: true, value: 1 })
    const request = server.requests[0]
    expect(new URL(request.url ?? '', server.url).pathname).toBe('/prom/api/v1/query')
    expect(new URL(request.url ?? '', server.url).searchParams.get('query')).toBe('up{job="prometheus"}')
    expect(request.headers.authorization).toBe('Bearer s3cret')
  })

  it('sends basic auth from two named variables', async () => {
    const server = await prometheus((_req, res) => json(res, 200, PROM_VECTOR))
    const env: Record<string, string> = { PROM_USER: 'grafana', PROM_PASS: 'p:w' }
    const { read } = setup(
      { kind: 'prometheus', url: server.url, query: 'up', auth: { kind: 'basic', usernameEnv: 'PROM_USER', passwordEnv: 'PROM_PASS' } },
      { secrets: (n) => env[n] }
    )
    await read()
    expect(server.requests[0].headers.authorization).toBe(`Basic ${Buffer.from('grafana:p:w').toString('base64')}`)
  })

  it('does not send the request when a named credential is missing, and says which', async () => {
    const server = await prometheus((_req, res) => json(res, 200, PROM_VECTOR))
    const { read } = setup({ kind: 'prometheus', url: server.url, query: 'up', auth: { kind: 'bearer', tokenEnv: 'PROM_TOKEN' } }, { secrets: () => undefined })
    const reading = await read()
    expect(reading).toMatchObject({ ok: false, reason: 'http', message: expect.stringMatching(/^not sent: PROM_TOKEN \(the bearer token for this signal\) is not set/) })
    expect(server.requests).toHaveLength(0)
  })

  it('shows the error envelope of a refused query as the signal’s error', async () => {
    const server = await prometheus((_req, res) => json(res, 400, PROM_ERROR))
    expect(await setup({ kind: 'prometheus', url: server.url, query: 'sum(rate(http_requests_total[5m]' }).read()).toMatchObject({
      ok: false,
      reason: 'http',
      status: 400,
      message: 'HTTP 400: Prometheus refused the query (bad_data): invalid parameter "query": 1:32: parse error: unclosed left parenthesis'
    })
  })

  it('fails NaN, an empty result and several series, each with its reason', async () => {
    let body = PROM_NAN_VECTOR
    const server = await prometheus((_req, res) => json(res, 200, body))
    const { read } = setup({ kind: 'prometheus', url: server.url, query: 'error_ratio' })
    expect(await read()).toMatchObject({ ok: false, reason: 'non-numeric', message: 'the result of error_ratio is NaN (not a number)' })
    body = PROM_EMPTY_VECTOR
    expect(await read()).toMatchObject({ ok: false, reason: 'no-data' })
    body = PROM_TWO_SERIES
    expect(await read()).toMatchObject({ ok: false, reason: 'unparseable', message: expect.stringMatching(/returned 2 series/) })
    body = '<html>Grafana</html>'
    expect(await read()).toMatchObject({ ok: false, reason: 'unparseable', message: expect.stringMatching(/not JSON/) })
  })

  it('reports a gateway error in front of Prometheus as plain HTTP', async () => {
    const server = await prometheus((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' })
      res.end('<h1>Bad Gateway</h1>')
    })
    expect(await setup({ kind: 'prometheus', url: server.url, query: 'up' }).read()).toMatchObject({ ok: false, reason: 'http', status: 502, message: 'HTTP 502 Bad Gateway' })
  })
})

describe('probe sources', () => {
  /** A monotonic clock that moves 21 ms between the start and the end of each request. */
  const steps = () => {
    let t = 0
    return () => (t += 21)
  }

  it('is up with the status code and the response time', async () => {
    const { server } = await answering({ body: 'ok' })
    const { read } = setup({ kind: 'probe', url: `${server.url}/healthz` }, { now: steps() })
    expect(await read()).toMatchObject({ ok: true, value: 1, probe: { up: true, status: 200, latencyMs: 21 } })
  })

  it('is down, as a reading rather than an error, on HTTP 503 or a refused connection', async () => {
    const { server } = await answering({ status: 503, body: 'draining' })
    expect(await setup({ kind: 'probe', url: server.url }).read()).toMatchObject({
      ok: true,
      value: 0,
      probe: { up: false, status: 503, reason: 'http', message: 'HTTP 503 Service Unavailable' }
    })
    const port = await closedPort()
    expect(await setup({ kind: 'probe', url: `http://127.0.0.1:${port}/` }).read()).toMatchObject({
      ok: true,
      value: 0,
      probe: { up: false, reason: 'refused' }
    })
  })

  it('is down when the endpoint hangs past the timeout', async () => {
    const server = await localServer(() => {})
    servers.push(server)
    const { read, timers } = setup({ kind: 'probe', url: server.url })
    let reading: Awaited<ReturnType<typeof read>> | undefined
    void read().then((r) => (reading = r))
    await server.nextRequest()
    timers.advance(1000)
    await until(() => reading !== undefined, 'the probe to time out')
    expect(reading).toMatchObject({ ok: true, value: 0, probe: { up: false, reason: 'timeout', message: 'timed out after 1000 ms' } })
  })
})

it('turns an unexpected exception inside a reader into a failed reading', async () => {
  const clock = manualClock()
  const reader = createSourceReader(
    { kind: 'json', url: 'http://127.0.0.1:1/', path: 'a' },
    {
      clock,
      get: () => {
        throw new Error('socket table full')
      }
    }
  )
  expect(await reader.read({ timeoutMs: 100 })).toMatchObject({
    ok: false,
    reason: 'unparseable',
    message: 'reading the source failed unexpectedly (socket table full)'
  })
})
