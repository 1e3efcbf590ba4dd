import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { manualClock } from '../../../src/main/clock'
import { boundedGet, type BoundedGetResult } from '../../../src/main/monitoring/bounded-get'
import { manualTimers } from '../../../src/main/monitoring/timers'
import { closedPort, localServer, type LocalServer } from './local-http'
import { turn, until } from './settle'

const MiB = 1024 * 1024
const servers: LocalServer[] = []
const serve = async (...args: Parameters<typeof localServer>) => {
  const server = await localServer(...args)
  servers.push(server)
  return server
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

/** Timers nobody advances: a test that is not about the timeout can never be decided by one. */
function frozen() {
  const clock = manualClock()
  return { clock, timers: manualTimers(clock) }
}

describe('boundedGet against real local servers', () => {
  it('returns status, body and response time, sending the given headers', async () => {
    const server = await serve((req, res) => {
      res.setHeader('content-type', 'text/plain')
      res.end(`you sent ${req.headers.authorization}`)
    })
    const { timers } = frozen()
    const result = await boundedGet(`${server.url}/metrics`, { timeoutMs: 1000, maxBytes: MiB, headers: { authorization: 'Bearer t0k' }, timers })
    expect(result).toMatchObject({ ok: true, status: 200, statusText: 'OK' })
    if (!result.ok) throw new Error(result.message)
    expect(result.body.toString()).toBe('you sent Bearer t0k')
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0)
    expect(server.requests[0].headers['user-agent']).toBe('release-war-room')
    expect(timers.pending()).toBe(0)
  })

  it('times out a hanging endpoint exactly at its timeout and drops the connection', async () => {
    const server = await serve(() => {
      // Never answers.
    })
    const { timers } = frozen()
    let result: BoundedGetResult | undefined
    void boundedGet(server.url, { timeoutMs: 2000, maxBytes: MiB, timers }).then((r) => (result = r))
    const request = await server.nextRequest()
    timers.advance(1999)
    await turn()
    await turn()
    expect(result).toBeUndefined()
    timers.advance(1)
    await until(() => result !== undefined, 'the timeout')
    expect(result).toMatchObject({ ok: false, reason: 'timeout', message: 'timed out after 2000 ms' })
    await until(() => request.socket.destroyed, 'the server to see the connection closed')
  })

  it('times out a response that starts and then stalls', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.write('go_goroutines 3')
    })
    const { timers } = frozen()
    let result: BoundedGetResult | undefined
    void boundedGet(server.url, { timeoutMs: 500, maxBytes: MiB, timers }).then((r) => (result = r))
    await server.nextRequest()
    timers.advance(500)
    await until(() => result !== undefined, 'the timeout')
    expect(result).toMatchObject({ ok: false, reason: 'timeout', message: 'timed out after 500 ms' })
  })

  it('reports HTTP 500 with its status text and keeps the body', async () => {
    const server = await serve((_req, res) => {
      res.statusCode = 500
      res.end('database unavailable')
    })
    const result = await boundedGet(server.url, { timeoutMs: 1000, maxBytes: MiB, ...frozen() })
    expect(result).toMatchObject({ ok: false, reason: 'http', message: 'HTTP 500 Internal Server Error', status: 500 })
    expect(!result.ok && result.body?.toString()).toBe('database unavailable')
  })

  it('does not follow a redirect, and says where it went without its query string', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(302, { location: '/login?session=secret' })
      res.end()
    })
    const result = await boundedGet(server.url, { timeoutMs: 1000, maxBytes: MiB, ...frozen() })
    expect(result).toMatchObject({
      ok: false,
      reason: 'http',
      status: 302,
      message: `HTTP 302 Found; redirects are not followed, so use the final address (${server.url}/login)`
    })
  })

  it('cuts off a 50 MB streamed body early, without reading it all', async () => {
    let written = 0
    let closed = false
    const server = await serve((_req, res) => {
      const chunk = Buffer.alloc(64 * 1024, 'x')
      res.on('close', () => (closed = true))
      const pump = () => {
        while (!closed && written < 50 * 1000 * 1000) {
          written += chunk.length
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        res.end()
      }
      pump()
    })
    const result = await boundedGet(server.url, { timeoutMs: 1000, maxBytes: MiB, ...frozen() })
    expect(result).toMatchObject({ ok: false, reason: 'too-large', message: 'the response passed the 1 MiB limit for a poll; reading stopped there' })
    if (result.ok) throw new Error('expected a failure')
    expect(result.receivedBytes).toBeGreaterThan(MiB)
    expect(result.receivedBytes).toBeLessThanOrEqual(MiB + 64 * 1024)
    expect(result.body).toBeUndefined()
    await until(() => closed, 'the server to see the connection dropped')
    // Whatever sat in socket buffers when the client hung up; far from the 50 MB on offer.
    expect(written).toBeLessThan(20 * MiB)
  })

  it('refuses a declared body over the cap before reading any of it', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(50 * 1000 * 1000) })
      res.write(Buffer.alloc(1024))
    })
    const result = await boundedGet(server.url, { timeoutMs: 1000, maxBytes: MiB, ...frozen() })
    expect(result).toMatchObject({ ok: false, reason: 'too-large', receivedBytes: 0, message: 'the response is 47.7 MiB, over the 1 MiB limit for a poll' })
  })

  it('reports connection refused on a closed port', async () => {
    const port = await closedPort()
    const result = await boundedGet(`http://127.0.0.1:${port}/metrics`, { timeoutMs: 1000, maxBytes: MiB, ...frozen() })
    expect(result).toMatchObject({
      ok: false,
      reason: 'refused',
      message: `connection refused by 127.0.0.1:${port}; is the service running and listening on that port?`
    })
  })

  it('reports a reset when the server kills the connection before answering', async () => {
    const server = await serve((req) => req.socket.resetAndDestroy())
    const result = await boundedGet(server.url, { timeoutMs: 1000, maxBytes: MiB, ...frozen() })
    expect(result).toMatchObject({ ok: false, reason: 'reset', message: `127.0.0.1:${server.port} reset the connection before the response was complete` })
  })

  it('reports a reset when the body is cut short', async () => {
    const server = await serve((req, res) => {
      res.writeHead(200, { 'content-length': '1000' })
      res.write('up 1\n', () => req.socket.destroy())
    })
    const result = await boundedGet(server.url, { timeoutMs: 1000, maxBytes: MiB, ...frozen() })
    expect(result).toMatchObject({ ok: false, reason: 'reset', status: 200 })
  })

  it('calls an answer that is not HTTP unparseable', async () => {
    // resume() reads the request away, so the server sees the client hang up and close() can finish.
    const raw = net.createServer((socket) => socket.resume().end('SSH-2.0-OpenSSH_9.2\r\n\r\n'))
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve))
    const { port } = raw.address() as AddressInfo
    try {
      const result = await boundedGet(`http://127.0.0.1:${port}/`, { timeoutMs: 1000, maxBytes: MiB, ...frozen() })
      expect(result).toMatchObject({ ok: false, reason: 'unparseable', message: expect.stringMatching(/not valid HTTP/) })
    } finally {
      await new Promise((resolve) => raw.close(resolve))
    }
  })

  it('stops when its abort signal fires, with the reason given', async () => {
    const server = await serve(() => {})
    const controller = new AbortController()
    const pending = boundedGet(server.url, { timeoutMs: 5000, maxBytes: MiB, signal: controller.signal, ...frozen() })
    await server.nextRequest()
    controller.abort(new Error('the signal was removed while it was being polled'))
    expect(await pending).toMatchObject({ ok: false, reason: 'timeout', message: 'the signal was removed while it was being polled' })
  })

  it('never throws on a bad address', async () => {
    await expect(boundedGet('not a url', { timeoutMs: 10, maxBytes: 10, ...frozen() })).resolves.toMatchObject({ ok: false, reason: 'refused' })
    await expect(boundedGet('file:///etc/passwd', { timeoutMs: 10, maxBytes: 10, ...frozen() })).resolves.toMatchObject({
      ok: false,
      message: 'only http and https addresses can be polled, not file:'
    })
  })
})
