import type http from 'node:http'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SignalDefinitionInput } from '../../src/shared/signal'
import { openWarRoom, type WarRoom } from '../../src/main/war-room'
import { startRoomServices } from '../../src/main/room-services'
import { tempDir } from '../support/temp-dir'
import { lead, releaseInput } from '../support/fixtures'
import { localServer } from '../unit/monitoring/local-http'
import { xorCipher } from '../unit/secrets/fake-cipher'

/**
 * The whole path a desktop credential takes: `secrets.set` encrypts it into SQLite, the room's services read it back
 * through the cipher, and the poller sends it to a real HTTP server on 127.0.0.1 as a bearer token.
 */
const TOKEN_ENV = 'WARROOM_TEST_BEARER_TOKEN'
const cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c()
  delete process.env[TOKEN_ENV]
})

function call<T>(room: WarRoom, method: string, input: unknown): T {
  const out = room.dispatch(method, input)
  if (!out.ok) throw Object.assign(new Error(out.error.message), { error: out.error })
  return out.value as T
}

async function roomWithBearerSignal(): Promise<{ room: WarRoom; nextAuthorization: () => Promise<string | undefined> }> {
  const dir = tempDir()
  const server = await localServer((_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1768903200, '0.002'] }] } }))
  })
  const room = openWarRoom({ dbPath: join(dir.path, 'warroom.sqlite') })
  cleanup.push(() => dir.remove(), () => server.close(), () => room.close())
  const { id } = call<{ id: string }>(room, 'releases.create', releaseInput())
  const signal: SignalDefinitionInput = {
    name: 'Error rate',
    source: { kind: 'prometheus', url: server.url, query: 'sum(rate(errors_total[1m]))', auth: { kind: 'bearer', tokenEnv: TOKEN_ENV } },
    intervalMs: 1000,
    timeoutMs: 500,
    thresholds: { direction: 'above', warn: 0.01, critical: 0.05 },
    severity: 'high'
  }
  call(room, 'signals.add', { releaseId: id, signal, actor: lead })
  return { room, nextAuthorization: async () => (await server.nextRequest()).headers.authorization }
}

describe('a bearer-auth signal reading its credential', () => {
  it('sends the token decrypted from the store in the desktop app, ahead of the environment', async () => {
    process.env[TOKEN_ENV] = 'environment-token-should-lose'
    const { room, nextAuthorization } = await roomWithBearerSignal()
    const cipher = xorCipher()
    room.stores.secrets.useCipher(cipher)
    call(room, 'secrets.set', { name: TOKEN_ENV, value: 'stored-token-9b1f', actor: lead })
    const request = nextAuthorization()
    await startRoomServices(room, { cipher })
    expect(await request).toBe('Bearer stored-token-9b1f')
    expect(cipher.decrypts).toBeGreaterThan(0)
  })

  it('sends the environment variable in the browser host, which has no cipher', async () => {
    process.env[TOKEN_ENV] = 'environment-token-3c7d'
    const { room, nextAuthorization } = await roomWithBearerSignal()
    const request = nextAuthorization()
    await startRoomServices(room)
    expect(await request).toBe('Bearer environment-token-3c7d')
    expect(room.dispatch('secrets.set', { name: TOKEN_ENV, value: 'anything', actor: lead })).toMatchObject({
      ok: false,
      error: { code: 'rule_violation', message: expect.stringContaining(`Set the environment variable ${TOKEN_ENV} before starting the host`) }
    })
  })
})
