import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { request } from 'node:http'
import { startHttpHost, MAX_BODY_BYTES, type HttpHost } from '../../src/main/host/http-host'
import { countRows, testRoom } from '../support/room'
import { releaseInput } from '../support/fixtures'
import { openEventStream } from '../support/sse'

let t: ReturnType<typeof testRoom>
let host: HttpHost
let base: string

async function post(method: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body)
  })
  // JSON.parse's own type: tests read fields straight off the answer.
  return { status: res.status, body: (await res.json()) as ReturnType<typeof JSON.parse> }
}

describe('browser host over HTTP on 127.0.0.1', () => {
  beforeEach(async () => {
    t = testRoom()
    host = await startHttpHost({ room: t.room, version: '9.9.9', host: '127.0.0.1', port: 0 })
    base = host.url
  })
  afterEach(async () => {
    await host.close()
    t.dispose()
  })

  it('creates, lists and gets a release', async () => {
    const created = await post('releases.create', releaseInput())
    expect(created.status).toBe(200)
    expect(created.body.id).toEqual(expect.any(String))
    const list = await post('releases.list', {})
    expect(list.body.map((r: { id: string }) => r.id)).toEqual([created.body.id])
    const got = await post('releases.get', { releaseId: created.body.id })
    expect(got.status).toBe(200)
    expect(got.body.release).toEqual(created.body)
    expect(got.body.checklist.length).toBeGreaterThan(10)
    expect(got.body.gates.map((g: { id: string }) => g.id)).toEqual(['ready', 'staging', 'production', 'validating', 'closed'])
  })

  it('answers 400 with code, message and issues for input that fails the schema, and writes nothing', async () => {
    const res = await post('releases.create', { ...releaseInput(), version: '' })
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'invalid_input', issues: [{ path: 'version', message: 'Version is required' }] })
    expect(res.body.error.message).toMatch(/Version is required/)
    expect(countRows(t.room, 'releases')).toBe(0)
  })

  it('answers 400 for a body that is not JSON', async () => {
    const res = await post('releases.create', '{"title": ')
    expect(res).toEqual({ status: 400, body: { error: { code: 'invalid_input', message: 'The request body is not valid JSON.' } } })
  })

  it('answers 404 for an unknown method', async () => {
    const res = await post('releases.explode', {})
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('unknown_method')
  })

  it('answers 404 for a release that does not exist', async () => {
    const res = await post('releases.get', { releaseId: 'missing' })
    expect(res.status).toBe(404)
    expect(res.body.error.message).toMatch(/No release with id "missing"/)
  })

  it('reports health with the app and schema versions', async () => {
    const res = await fetch(`${base}api/health`)
    expect(await res.json()).toEqual({ ok: true, version: '9.9.9', schemaVersion: t.room.schemaVersion })
  })

  it('carries release.created on the event stream to every connected client', async () => {
    const a = await openEventStream(`${base}api/events`)
    const b = await openEventStream(`${base}api/events`)
    const created = await post('releases.create', releaseInput({ title: 'Streamed' }))
    const [ea, eb] = await Promise.all([a.next((e) => e.type === 'release.created'), b.next((e) => e.type === 'release.created')])
    expect(ea).toMatchObject({ type: 'release.created', release: { id: created.body.id, title: 'Streamed' } })
    expect(eb.seq).toBe(ea.seq)
    a.close()
    b.close()
  })

  it('refuses a body over the limit from its declared length, before reading it', async () => {
    const res = await post('releases.create', JSON.stringify({ title: 'x'.repeat(MAX_BODY_BYTES + 10) }))
    expect(res.status).toBe(413)
    expect(countRows(t.room, 'releases')).toBe(0)
  })

  it('refuses a non-JSON content type, so a cross-site form cannot post without a preflight', async () => {
    const res = await post('releases.create', JSON.stringify(releaseInput()), { 'content-type': 'text/plain' })
    expect(res.status).toBe(415)
    expect(countRows(t.room, 'releases')).toBe(0)
  })

  it('refuses a request from another origin', async () => {
    const res = await post('releases.create', releaseInput(), { origin: 'http://evil.example' })
    expect(res.status).toBe(403)
    expect(countRows(t.room, 'releases')).toBe(0)
  })

  it('refuses a Host header that is not a loopback name (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}api/releases.list`, {
        method: 'POST',
        headers: { host: 'attacker.example', 'content-type': 'application/json' }
      })
      req.on('response', (res) => (res.resume(), resolve(res.statusCode ?? 0)))
      req.on('error', reject)
      req.end('{}')
    })
    expect(status).toBe(403)
  })

  it('lets a request already in flight finish its write before close, then stops listening', async () => {
    const body = JSON.stringify(releaseInput())
    const arrived = new Promise((resolve) => host.server.once('request', resolve))
    const answered = new Promise<number>((resolve, reject) => {
      const req = request(`${base}api/releases.create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
      })
      req.on('response', (res) => (res.resume(), resolve(res.statusCode ?? 0)))
      req.on('error', reject)
      // Half the body now; the rest only after shutdown has begun.
      req.write(body.slice(0, 20))
      void arrived.then(() => {
        const closing = host.close()
        req.end(body.slice(20))
        return closing
      })
    })
    expect(await answered).toBe(200)
    expect(countRows(t.room, 'releases')).toBe(1)
    await expect(fetch(`${base}api/health`)).rejects.toThrow()
  })
})

describe('browser host with a token (as when bound off loopback)', () => {
  beforeEach(async () => {
    t = testRoom()
    // Bound to every interface, so a token is mandatory; the test still only talks to 127.0.0.1.
    host = await startHttpHost({ room: t.room, version: '1', host: '0.0.0.0', port: 0, token: 's3cret-token' })
    base = `http://127.0.0.1:${host.port}/`
  })
  afterEach(async () => {
    await host.close()
    t.dispose()
  })

  it('refuses API calls and the event stream without the token, and writes nothing', async () => {
    const res = await post('releases.create', releaseInput())
    expect(res.status).toBe(401)
    expect(res.body.error.message).toMatch(/access token/)
    expect(countRows(t.room, 'releases')).toBe(0)
    expect((await fetch(`${base}api/events`)).status).toBe(401)
    expect((await fetch(`${base}api/health`)).status).toBe(401)
    expect((await post('releases.list', {}, { authorization: 'Bearer wrong-token!' })).status).toBe(401)
  })

  it('accepts the token as a bearer header, and on the event stream as a query parameter', async () => {
    const res = await post('releases.create', releaseInput(), { authorization: 'Bearer s3cret-token' })
    expect(res.status).toBe(200)
    const stream = await openEventStream(`${base}api/events?token=s3cret-token`)
    expect(stream.status).toBe(200)
    stream.close()
  })
})
