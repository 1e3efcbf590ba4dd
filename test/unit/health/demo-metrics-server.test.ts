import { afterEach, describe, expect, it } from 'vitest'
import { manualClock } from '../../../src/main/clock'
import { startDemoMetricsServer, type DemoMetricsServer } from '../../../src/main/demo/demo-metrics/demo-metrics-server'
import { parseExposition, selectSeries, type Exposition } from '../../../src/main/monitoring/exposition-parser'
import { bucketIncrease, bucketsFromSeries, histogramQuantile } from '../../../src/main/monitoring/histogram-quantile'

const servers: DemoMetricsServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function start(options: { seed?: number; trafficPercent?: number } = {}) {
  const clock = manualClock()
  const server = await startDemoMetricsServer({ clock, ...options })
  servers.push(server)
  return { clock, server }
}

async function scrape(server: DemoMetricsServer): Promise<Exposition> {
  const res = await fetch(`${server.url}/metrics`)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8')
  return parseExposition(await res.text())
}

function value(e: Exposition, metric: string, labels: Record<string, string>): number {
  const series = selectSeries(e.samples, metric, labels)
  expect(series).toHaveLength(1)
  return series[0].value
}

/** Requests and errors of one track between two scrapes. */
function interval(before: Exposition, after: Exposition, track: string) {
  const count = (e: Exposition, code: string) => value(e, 'http_requests_total', { track, code })
  const errors = count(after, '500') - count(before, '500')
  const requests = errors + count(after, '200') - count(before, '200')
  const buckets = (e: Exposition) => {
    const outcome = bucketsFromSeries(selectSeries(e.samples, 'http_request_duration_seconds_bucket', { track }))
    if (!outcome.ok) throw new Error(outcome.message)
    return outcome.buckets
  }
  const p95 = histogramQuantile(0.95, bucketIncrease(buckets(before), buckets(after)))
  return { requests, errors, errorRatio: errors / requests, p95 }
}

async function control(server: DemoMetricsServer, body: unknown, contentType = 'application/json') {
  const res = await fetch(`${server.url}/control`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body)
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

describe('the demo metrics endpoint', () => {
  it('listens on loopback and serves the checkout service’s metrics in exposition format', async () => {
    const { server } = await start({ trafficPercent: 25 })
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
    expect(server.port).toBeGreaterThan(0)
    const e = await scrape(server)
    expect(e.types.get('http_requests_total')).toBe('counter')
    expect(e.types.get('http_request_duration_seconds')).toBe('histogram')
    expect(e.types.get('up')).toBe('gauge')
    expect(e.types.get('demo_canary_traffic_percent')).toBe('gauge')
    for (const track of ['baseline', 'canary']) {
      expect(value(e, 'up', { track })).toBe(1)
      expect(value(e, 'http_requests_total', { track, code: '200' })).toBe(0)
      expect(value(e, 'http_requests_total', { track, code: '500' })).toBe(0)
      expect(selectSeries(e.samples, 'http_request_duration_seconds_bucket', { track, le: '+Inf' })).toHaveLength(1)
    }
    expect(value(e, 'demo_canary_traffic_percent', {})).toBe(25)
  })

  it('grows its counters with the clock, split by the traffic percent, so two scrapes give a rate', async () => {
    const { clock, server } = await start({ trafficPercent: 20 })
    const first = await scrape(server)
    clock.advance(60_000)
    const second = await scrape(server)
    const baseline = interval(first, second, 'baseline')
    const canary = interval(first, second, 'canary')
    // 100 requests a second with ±10 % jitter: 80 % and 20 % of 6,000.
    expect(baseline.requests).toBeGreaterThan(4320)
    expect(baseline.requests).toBeLessThan(5280)
    expect(canary.requests).toBeGreaterThan(1080)
    expect(canary.requests).toBeLessThan(1320)
    expect(value(second, 'http_request_duration_seconds_count', { track: 'canary' })).toBe(canary.requests)
    expect(value(second, 'http_request_duration_seconds_sum', { track: 'canary' })).toBeGreaterThan(0)
  })

  it('stays healthy on both tracks without a fault: error ratio near 0.005 %, p95 near 120 ms', async () => {
    const { clock, server } = await start({ trafficPercent: 50 })
    const first = await scrape(server)
    clock.advance(600_000)
    const second = await scrape(server)
    for (const track of ['baseline', 'canary']) {
      const t = interval(first, second, track)
      expect(t.errorRatio).toBeLessThan(0.001)
      expect(t.p95).toBeGreaterThan(0.1)
      expect(t.p95).toBeLessThan(0.15)
    }
  })

  it('raises only the canary’s error ratio when errors are injected, and only its latency for a latency fault', async () => {
    const { clock, server } = await start({ trafficPercent: 50 })
    const healthy = await scrape(server)
    clock.advance(120_000)

    const injected = await control(server, { fault: 'errors' })
    expect(injected).toMatchObject({ status: 200, body: { fault: 'errors', trafficPercent: 50, service: 'checkout' } })
    const beforeErrors = await scrape(server)
    expect(interval(healthy, beforeErrors, 'canary').errorRatio).toBeLessThan(0.005)
    clock.advance(120_000)
    const afterErrors = await scrape(server)
    const failingCanary = interval(beforeErrors, afterErrors, 'canary')
    expect(failingCanary.errorRatio).toBeGreaterThan(0.035)
    expect(failingCanary.errorRatio).toBeLessThan(0.065)
    expect(failingCanary.p95).toBeLessThan(0.15)
    expect(interval(beforeErrors, afterErrors, 'baseline').errorRatio).toBeLessThan(0.005)

    server.setFault('latency')
    const beforeSlow = await scrape(server)
    clock.advance(120_000)
    const afterSlow = await scrape(server)
    const slowCanary = interval(beforeSlow, afterSlow, 'canary')
    const baseline = interval(beforeSlow, afterSlow, 'baseline')
    expect(slowCanary.p95).toBeGreaterThan(0.3)
    expect(slowCanary.errorRatio).toBeLessThan(0.005)
    expect(baseline.p95).toBeLessThan(0.15)
    expect(baseline.errorRatio).toBeLessThan(0.005)

    server.setFault('none')
    clock.advance(1000)
    const recovering = await scrape(server)
    clock.advance(120_000)
    expect(interval(recovering, await scrape(server), 'canary').p95).toBeLessThan(0.15)
  })

  it('sends the canary no requests at 0 %', async () => {
    const { clock, server } = await start()
    await control(server, { trafficPercent: 0 })
    const first = await scrape(server)
    clock.advance(30_000)
    const second = await scrape(server)
    expect(interval(first, second, 'canary').requests).toBe(0)
    expect(interval(first, second, 'baseline').requests).toBeGreaterThan(2500)
    expect(value(second, 'demo_canary_traffic_percent', {})).toBe(0)
  })

  it('is deterministic for a seed, whatever the scrape schedule', async () => {
    const a = await start({ seed: 42 })
    const b = await start({ seed: 42 })
    const c = await start({ seed: 43 })
    for (let i = 0; i < 6; i++) {
      a.clock.advance(10_000)
      await scrape(a.server)
    }
    b.clock.advance(60_000)
    c.clock.advance(60_000)
    const text = async (s: DemoMetricsServer) => (await fetch(`${s.url}/metrics`)).text()
    expect(await text(a.server)).toBe(await text(b.server))
    expect(await text(c.server)).not.toBe(await text(b.server))
  })

  it('serves a JSON health document for a json-path signal', async () => {
    const { clock, server } = await start()
    const read = async () => {
      const res = await fetch(`${server.url}/health`)
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
      return (await res.json()) as { status: string; checks: { db: { latencyMs: number } } }
    }
    const healthy = await read()
    expect(healthy.status).toBe('ok')
    expect(healthy.checks.db.latencyMs).toBeGreaterThanOrEqual(3)
    expect(healthy.checks.db.latencyMs).toBeLessThan(6)
    server.setFault('latency')
    clock.advance(1000)
    expect((await read()).checks.db.latencyMs).toBeGreaterThanOrEqual(35)
  })

  it('reports and changes its state over GET and POST /control', async () => {
    const { clock, server } = await start()
    const startedAt = clock.now()
    const initial = await fetch(`${server.url}/control`)
    expect(await initial.json()).toEqual({ service: 'checkout', trafficPercent: 10, fault: 'none', startedAt })

    expect(await control(server, { trafficPercent: 35.5 })).toMatchObject({ status: 200, body: { trafficPercent: 35.5, fault: 'none' } })
    expect(await control(server, { fault: 'latency' })).toMatchObject({ status: 200, body: { trafficPercent: 35.5, fault: 'latency' } })
    server.setTrafficPercent(60)
    expect(server.state()).toEqual({ service: 'checkout', trafficPercent: 60, fault: 'latency', startedAt })
  })

  it('refuses bad control requests with a sentence, changing nothing', async () => {
    const { server } = await start()
    const tooMuch = await control(server, { trafficPercent: 150 })
    expect(tooMuch.status).toBe(400)
    expect(tooMuch.body).toEqual({ error: { code: 'invalid_input', message: 'trafficPercent must be from 0 to 100' } })
    expect((await control(server, { fault: 'meltdown' })).body).toEqual({
      error: { code: 'invalid_input', message: 'fault must be one of: none, errors, latency' }
    })
    expect((await control(server, { trafficPercent: 20, colour: 'red' })).status).toBe(400)
    expect(await control(server, '{"fault":')).toMatchObject({ status: 400, body: { error: { code: 'invalid_json' } } })
    expect((await control(server, 'fault=errors', 'application/x-www-form-urlencoded')).status).toBe(415)
    expect(server.state()).toMatchObject({ trafficPercent: 10, fault: 'none' })
    expect(() => server.setTrafficPercent(-1)).toThrow(RangeError)

    const missing = await fetch(`${server.url}/nothing`)
    expect(missing.status).toBe(404)
    const wrongMethod = await fetch(`${server.url}/control`, { method: 'DELETE' })
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get('allow')).toBe('GET, POST')
    await wrongMethod.body?.cancel()
  })

  it('closes even with a keep-alive connection open', async () => {
    const { server } = await start()
    await scrape(server)
    await server.close()
    servers.splice(servers.indexOf(server), 1)
    await expect(fetch(`${server.url}/metrics`)).rejects.toThrow()
  })
})
