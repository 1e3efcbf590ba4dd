import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Room } from '../../src/shared/room'
import type { TimelineEntry } from '../../src/shared/timeline'
import type { UpdateSendView } from '../../src/shared/updates'
import { startHttpHost, type HttpHost } from '../../src/main/host/http-host'
import { startUpdateService } from '../../src/main/updates/update-service'
import type { SecretCipher } from '../../src/main/secrets/secret-cipher'
import { countRows, testRoom } from '../support/room'
import { releaseInput } from '../support/fixtures'
import { call, people } from '../support/advance'

/**
 * Stakeholder updates against a real HTTP receiver on 127.0.0.1: what it receives, the rate limit, and a receiver
 * that fails or hangs, with the war room's own HTTP host answering other calls meanwhile.
 */
type Mode = 'ok' | 'fail' | 'hang'
interface Received {
  path: string
  contentType: string | undefined
  body: unknown
}

let t: ReturnType<typeof testRoom>
let host: HttpHost
let receiver: Server
let receiverUrl: string
let mode: Mode
let received: Received[]
const hanging: ServerResponse[] = []

beforeEach(async () => {
  t = testRoom()
  host = await startHttpHost({ room: t.room, version: 'test', host: '127.0.0.1', port: 0 })
  mode = 'ok'
  received = []
  receiver = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => (raw += c))
    req.on('end', () => {
      received.push({ path: req.url ?? '', contentType: req.headers['content-type'], body: JSON.parse(raw) })
      if (mode === 'ok') res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
      else if (mode === 'fail') res.writeHead(500, { 'content-type': 'text/plain' }).end('invalid_payload')
      else hanging.push(res)
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/services/T000/B000/s3cr3t-token`
})
afterEach(async () => {
  for (const res of hanging.splice(0)) res.destroy()
  receiver.closeAllConnections()
  await new Promise((resolve) => receiver.close(resolve))
  await host.close()
  t.dispose()
})

const dana = people['devops-lead']
const priya = people['product-owner']

async function over<T>(method: string, input: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${host.url}api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) })
  return { status: res.status, body: (await res.json()) as T }
}

/** The next timeline entry of `kind`, already written or still to come; fails at a deadline rather than sleeping. */
function entry(releaseId: string, kind: string, deadlineMs = 5000): Promise<TimelineEntry> {
  const written = call<TimelineEntry[]>(t.room, 'timeline.list', { releaseId, limit: 50 }).find((e) => e.kind === kind)
  if (written) return Promise.resolve(written)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop()
      reject(new Error(`no ${kind} entry within ${deadlineMs} ms`))
    }, deadlineMs)
    const stop = t.room.bus.subscribe((e) => {
      if (e.type === 'timeline.appended' && e.entry.releaseId === releaseId && e.entry.kind === kind) {
        clearTimeout(timer)
        stop()
        resolve(e.entry)
      }
    })
  })
}

function releaseWithWebhook(): string {
  const id = call<{ id: string }>(t.room, 'releases.create', releaseInput()).id
  call(t.room, 'updates.webhook.set', { releaseId: id, url: receiverUrl, actor: priya })
  return id
}

describe('sending an update to the webhook', () => {
  it('posts the message rendered from the room as {"text": …}, and records the request and the delivery', async () => {
    startUpdateService(t.room)
    const id = releaseWithWebhook()
    call(t.room, 'updates.templates.set', { releaseId: id, stage: 'scheduled', body: 'Heads up & plan: {service} {version}, {window}. Owner: {owner}.', actor: priya })

    const { status, body: sent } = await over<UpdateSendView>('updates.send', { releaseId: id, stage: 'scheduled', actor: priya })
    expect(status).toBe(200)
    expect(sent).toMatchObject({ status: 'pending', channel: 'webhook', host: new URL(receiverUrl).host })
    const delivered = await entry(id, 'update.delivered')

    const message = 'Heads up & plan: checkout 2.6.0, Tue 20 Jan 2026, 14:00–16:00 UTC. Owner: Dana Okafor.'
    expect(received).toEqual([{ path: '/services/T000/B000/s3cr3t-token', contentType: 'application/json', body: { text: message.replace('&', '&amp;') } }])
    const sending = call<TimelineEntry[]>(t.room, 'timeline.list', { releaseId: id, limit: 50 }).find((e) => e.kind === 'update.sending')!
    expect(sending).toMatchObject({ actor: priya, summary: `Sending the “Deployment scheduled” update to ${sent.host}`, data: { text: message } })
    expect(delivered.summary).toMatch(new RegExp(`^The “Deployment scheduled” update reached ${sent.host} \\(HTTP 200 in \\d+ ms\\)$`))
    expect(call<Room>(t.room, 'releases.get', { releaseId: id }).updates.sends[0]).toMatchObject({ id: sent.id, status: 'delivered', httpStatus: 200, text: message })
  })

  it('never gives the webhook address back: the room, the timeline and the answers show only its host', async () => {
    const id = releaseWithWebhook()
    const room = await over<Room>('releases.get', { releaseId: id })
    expect(room.body.updates.webhook).toMatchObject({ host: new URL(receiverUrl).host, encrypted: false, setBy: priya })
    const timeline = await over<TimelineEntry[]>('timeline.list', { releaseId: id, limit: 50 })
    for (const text of [JSON.stringify(room.body), JSON.stringify(timeline.body)]) expect(text).not.toContain('s3cr3t-token')
  })

  it('keeps the address encrypted where the host has a key store, and decrypts it only to post', async () => {
    const cipher: SecretCipher = {
      available: () => true,
      encrypt: (text) => Buffer.from(text, 'utf8').reverse(),
      decrypt: (buf) => Buffer.from(buf).reverse().toString('utf8')
    }
    t.room.stores.secrets.useCipher(cipher)
    startUpdateService(t.room)
    const id = releaseWithWebhook()
    const stored = t.room.db.prepare('SELECT address, encrypted FROM update_webhooks').get() as { address: Buffer; encrypted: number }
    expect(stored.encrypted).toBe(1)
    expect(stored.address.toString('utf8')).not.toContain('s3cr3t-token')
    call(t.room, 'updates.send', { releaseId: id, stage: 'scheduled', actor: priya })
    await entry(id, 'update.delivered')
    expect(received.map((r) => r.path)).toEqual(['/services/T000/B000/s3cr3t-token'])
  })

  it('refuses a second send within 30 s with 429 and sends nothing; it goes once 30 s have passed', async () => {
    startUpdateService(t.room)
    const id = releaseWithWebhook()
    expect((await over('updates.send', { releaseId: id, stage: 'scheduled', actor: priya })).status).toBe(200)
    await entry(id, 'update.delivered')
    const rows = countRows(t.room, 'update_sends')
    const timelineRows = countRows(t.room, 'timeline')

    t.clock.advance(12_000)
    const refused = await over<{ error: { code: string; message: string } }>('updates.send', { releaseId: id, stage: 'staging-complete', actor: dana })
    expect(refused.status).toBe(429)
    expect(refused.body.error).toEqual({
      code: 'rate_limited',
      message:
        'The last update went out 12 s ago. Sends are at least 30 s apart, so two people in the room do not post the same news twice; this one can go at 10:00:30 UTC. Nothing was sent.'
    })
    expect(countRows(t.room, 'update_sends')).toBe(rows)
    expect(countRows(t.room, 'timeline')).toBe(timelineRows)
    expect(call<Room>(t.room, 'releases.get', { releaseId: id }).updates.nextSendAt).toBe(Date.parse('2026-01-20T10:00:30Z'))

    t.clock.advance(18_000)
    expect((await over('updates.send', { releaseId: id, stage: 'staging-complete', actor: dana })).status).toBe(200)
    await entry(id, 'update.delivered')
    await expect.poll(() => received.length).toBe(2)
  })

  it('records a receiver that answers 500 as a failure with its answer as the reason', async () => {
    startUpdateService(t.room)
    mode = 'fail'
    const id = releaseWithWebhook()
    const sent = call<UpdateSendView>(t.room, 'updates.send', { releaseId: id, stage: 'production-started', actor: dana })
    const failed = await entry(id, 'update.failed')
    expect(failed).toMatchObject({
      actor: null,
      summary: `The “Production started” update did not reach ${sent.host}: HTTP 500: invalid_payload`,
      data: { sendId: sent.id, ok: false, httpStatus: 500, detail: 'HTTP 500: invalid_payload' }
    })
    expect(call<Room>(t.room, 'releases.get', { releaseId: id }).updates.sends[0]).toMatchObject({ status: 'failed', httpStatus: 500, detail: 'HTTP 500: invalid_payload' })
    // A failed send reached nobody, so trying again is not held back by the 30 s spacing.
    mode = 'ok'
    call(t.room, 'updates.send', { releaseId: id, stage: 'production-started', actor: dana })
    await entry(id, 'update.delivered')
  })

  it('gives up on a receiver that never answers, while the room keeps answering other calls', async () => {
    startUpdateService(t.room, { timeoutMs: 400 })
    mode = 'hang'
    const id = releaseWithWebhook()
    const sent = await over<UpdateSendView>('updates.send', { releaseId: id, stage: 'rollback', actor: dana })
    expect(sent.status).toBe(200)
    await expect.poll(() => received.length).toBe(1)

    // The receiver holds the request open; the room answers reads and writes as usual.
    const read = await over<Room>('releases.get', { releaseId: id })
    expect(read.status).toBe(200)
    expect(read.body.updates.sends[0]).toMatchObject({ id: sent.body.id, status: 'pending' })
    expect((await over('notes.add', { releaseId: id, text: 'Webhook slow; posting in the channel by hand', actor: dana })).status).toBe(200)

    const failed = await entry(id, 'update.failed')
    expect(failed.summary).toBe(`The “Rolling back” update did not reach ${sent.body.host}: no answer within 400 ms`)
    expect(call<Room>(t.room, 'releases.get', { releaseId: id }).updates.sends[0]).toMatchObject({ status: 'failed', httpStatus: null })
  })

  it('closes a send a previous run left unfinished as failed, without sending it twice', async () => {
    const id = releaseWithWebhook()
    call(t.room, 'updates.send', { releaseId: id, stage: 'scheduled', actor: priya }) // accepted, but no service was running
    startUpdateService(t.room)
    const failed = await entry(id, 'update.failed')
    expect(failed.summary).toMatch(/the war room stopped before the webhook answered, so it may or may not have arrived/)
    expect(received).toEqual([])
  })
})

describe('who may send and configure', () => {
  it('refuses a send without a webhook, an observer sending, and a tech lead setting the webhook; none writes anything', async () => {
    const id = call<{ id: string }>(t.room, 'releases.create', releaseInput()).id
    const before = countRows(t.room, 'timeline')
    const noHook = await over<{ error: { message: string } }>('updates.send', { releaseId: id, stage: 'scheduled', actor: dana })
    expect(noHook.status).toBe(409)
    expect(noHook.body.error.message).toMatch(/no stakeholder webhook yet.*copy the message/)
    const tech = await over<{ error: { message: string } }>('updates.webhook.set', { releaseId: id, url: receiverUrl, actor: people['tech-lead'] })
    expect(tech.status).toBe(409)
    expect(tech.body.error.message).not.toContain('s3cr3t')
    const badUrl = await over<{ error: { message: string } }>('updates.webhook.set', { releaseId: id, url: 'ftp://hooks.example.com/s3cr3t', actor: dana })
    expect(badUrl.status).toBe(400)
    expect(JSON.stringify(badUrl.body)).not.toContain('s3cr3t')
    call(t.room, 'updates.webhook.set', { releaseId: id, url: receiverUrl, actor: dana })
    const observer = await over<{ error: { message: string } }>('updates.send', { releaseId: id, stage: 'scheduled', actor: people.observer })
    expect(observer.status).toBe(409)
    expect(countRows(t.room, 'update_sends')).toBe(0)
    expect(countRows(t.room, 'timeline')).toBe(before + 1) // only the webhook being set
  })

  it('records a copy with the text that was copied', async () => {
    const id = call<{ id: string }>(t.room, 'releases.create', releaseInput()).id
    const copy = await over<UpdateSendView>('updates.copied', { releaseId: id, stage: 'scheduled', text: 'checkout 2.6.0 is scheduled', actor: people.sre })
    expect(copy.body).toMatchObject({ channel: 'copy', status: 'copied', host: null })
    const [latest] = call<TimelineEntry[]>(t.room, 'timeline.list', { releaseId: id, limit: 1 })
    expect(latest).toMatchObject({ kind: 'update.copied', actor: people.sre, summary: 'Copied the “Deployment scheduled” update to send by hand', data: { text: 'checkout 2.6.0 is scheduled' } })
  })
})
