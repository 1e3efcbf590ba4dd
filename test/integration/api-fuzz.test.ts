import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { METHOD_NAMES } from '../../src/shared/api'
import { startHttpHost, type HttpHost } from '../../src/main/host/http-host'
import { testRoom } from '../support/room'
import { releaseInput } from '../support/fixtures'

/**
 * Random and malformed input to every method over real HTTP: the host answers 200 or a 4xx, never a 5xx, and a
 * refused call changes nothing in the database (SQLite's total_changes on the host's own connection stays put).
 */
let t: ReturnType<typeof testRoom>
let host: HttpHost
let releaseId: string
let itemId: string

beforeAll(async () => {
  t = testRoom()
  host = await startHttpHost({ room: t.room, version: 'fuzz', host: '127.0.0.1', port: 0 })
  const created = t.room.dispatch('releases.create', releaseInput())
  if (!created.ok) throw new Error(created.error.message)
  releaseId = (created.value as { id: string }).id
  const room = t.room.dispatch('releases.get', { releaseId })
  itemId = room.ok ? (room.value as { checklist: { id: string }[] }).checklist[0].id : ''
})
afterAll(async () => {
  await host.close()
  t.dispose()
})

const changes = () => (t.room.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n

async function post(method: string, body: string): Promise<number> {
  const res = await fetch(`${host.url}api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  await res.arrayBuffer()
  return res.status
}

/** Inputs that look almost right: real ids and actors with one field broken or missing, as a buggy client sends. */
const nearMiss = () => fc.record(
  {
    releaseId: fc.oneof(fc.constant(releaseId), fc.string(), fc.integer(), fc.constant(null)),
    itemId: fc.oneof(fc.constant(itemId), fc.string()),
    actor: fc.oneof(
      fc.constant({ name: 'Dana Okafor', role: 'devops-lead' }),
      fc.record({ name: fc.string(), role: fc.string() }),
      fc.constant({ name: '', role: 'sre' }),
      fc.anything()
    ),
    status: fc.oneof(fc.constantFrom('open', 'done', 'waived', 'blocked', 'n/a'), fc.string()),
    gate: fc.oneof(fc.constantFrom('ready', 'staging', 'closed'), fc.string()),
    verdict: fc.oneof(fc.constantFrom('go', 'no-go'), fc.string()),
    text: fc.oneof(fc.string(), fc.constant(' '.repeat(5000))),
    format: fc.oneof(fc.constantFrom('json', 'yaml', 'csv', 'markdown'), fc.string())
  },
  { requiredKeys: [] }
)

// Built per test, after beforeAll has made the release whose ids the near misses borrow.
const arbitraryBody = () => fc.oneof(
  fc.anything().map((v) => JSON.stringify(v) ?? 'null'),
  nearMiss().map((v) => JSON.stringify(v)),
  fc.string(),
  fc.constantFrom('{', '[]', 'null', '"text"', '{"__proto__": {"admin": true}}', '{"constructor": {"prototype": {}}}')
)

describe('every API method under random and malformed input', () => {
  for (const method of METHOD_NAMES) {
    it(`${method}: answers 200 or 4xx, and a refusal writes nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(arbitraryBody(), async (body) => {
          const before = changes()
          const status = await post(method, body)
          expect([200, 400, 404, 409, 413, 415]).toContain(status)
          if (status !== 200) expect(changes()).toBe(before)
        }),
        { numRuns: 40 }
      )
    })
  }

  it('answers 404 for method names that are not in the contract, whatever the body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 30 }).filter((m) => !METHOD_NAMES.includes(m as never) && !m.includes('/') && !m.includes('?') && !m.includes('#') && !m.includes('%')), async (m) => {
        const before = changes()
        expect(await post(encodeURIComponent(m), '{}')).toBe(404)
        expect(changes()).toBe(before)
      }),
      { numRuns: 60 }
    )
  })
})
