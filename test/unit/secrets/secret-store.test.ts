import { readFileSync, existsSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import type { ApiErrorBody } from '../../../src/shared/errors'
import type { SecretList, StoredSecret } from '../../../src/shared/api-secrets'
import { MIGRATIONS } from '../../../src/main/store/migrations'
import { migrate, schemaVersionOf } from '../../../src/main/store/database'
import { countRows, testRoom } from '../../support/room'
import { lead } from '../../support/fixtures'
import { xorCipher } from './fake-cipher'

const sre = { name: 'Sam Ito', role: 'sre' } as const
const qa = { name: 'Kim Lee', role: 'qa-lead' } as const
const TOKEN = 'prom-token-7f3a9c1e5b2d4f60aa'
const PASSWORD = 's3cret pass-phrase with spaces'

let t: ReturnType<typeof testRoom>
beforeEach(() => {
  t = testRoom()
})
afterEach(() => t.dispose())

function call<T>(method: string, input: unknown): T {
  const out = t.room.dispatch(method, input)
  if (!out.ok) throw Object.assign(new Error(out.error.message), { error: out.error })
  return out.value as T
}

function refusal(method: string, input: unknown): ApiErrorBody {
  const out = t.room.dispatch(method, input)
  if (out.ok) throw new Error(`${method} was accepted`)
  return out.error
}

/** Every byte SQLite has written for this room: the main file and its write-ahead log. */
function bytesOnDisk(): Buffer {
  const files = [t.dbPath, `${t.dbPath}-wal`].filter(existsSync)
  return Buffer.concat(files.map((f) => readFileSync(f)))
}

describe('migration 0006 secrets', () => {
  it('adds a secrets table that holds ciphertext as a blob', () => {
    const db = new Database(':memory:')
    migrate(db, MIGRATIONS.filter((m) => m.version < 6))
    migrate(db, MIGRATIONS.filter((m) => m.version <= 6))
    expect(schemaVersionOf(db)).toBe(6)
    db.prepare("INSERT INTO secrets VALUES ('PROM_TOKEN', x'0102', '2026', 'Dana', 'sre')").run()
    expect(db.prepare('SELECT typeof(ciphertext) AS t FROM secrets').get()).toEqual({ t: 'blob' })
    expect(() => db.prepare("INSERT INTO secrets VALUES ('', x'01', '2026', 'Dana', 'sre')").run()).toThrow(/CHECK constraint/)
  })
})

describe('secrets with a cipher (the desktop app)', () => {
  beforeEach(() => t.room.stores.secrets.useCipher(xorCipher()))

  it('stores, lists and removes credentials, and answers with names, times and who, never values', () => {
    const set = call<StoredSecret>('secrets.set', { name: 'PROM_TOKEN', value: TOKEN, actor: lead })
    expect(set).toEqual({ name: 'PROM_TOKEN', updatedAt: '2026-01-20T10:00:00.000Z', updatedBy: lead })
    t.clock.advance(60_000)
    call('secrets.set', { name: 'GRAFANA_PASSWORD', value: PASSWORD, actor: sre })
    const list = call<SecretList>('secrets.list', {})
    expect(list).toEqual({
      canStore: true,
      secrets: [
        { name: 'GRAFANA_PASSWORD', updatedAt: '2026-01-20T10:01:00.000Z', updatedBy: sre },
        { name: 'PROM_TOKEN', updatedAt: '2026-01-20T10:00:00.000Z', updatedBy: lead }
      ]
    })
    for (const answer of [JSON.stringify(set), JSON.stringify(list)]) {
      expect(answer).not.toContain(TOKEN)
      expect(answer).not.toContain(PASSWORD)
    }

    // Replacing a value keeps one row and says who replaced it.
    t.clock.advance(60_000)
    call('secrets.set', { name: 'PROM_TOKEN', value: 'rotated-token-0001', actor: sre })
    expect(call<SecretList>('secrets.list', {}).secrets.find((s) => s.name === 'PROM_TOKEN')).toEqual({
      name: 'PROM_TOKEN',
      updatedAt: '2026-01-20T10:02:00.000Z',
      updatedBy: sre
    })
    expect(countRows(t.room, 'secrets')).toBe(2)

    expect(call('secrets.remove', { name: 'PROM_TOKEN', actor: lead })).toEqual({ name: 'PROM_TOKEN', removed: true })
    expect(call<SecretList>('secrets.list', {}).secrets.map((s) => s.name)).toEqual(['GRAFANA_PASSWORD'])
    expect(refusal('secrets.remove', { name: 'PROM_TOKEN', actor: lead })).toMatchObject({ code: 'not_found', message: expect.stringContaining('PROM_TOKEN') })
  })

  it('writes only ciphertext: the plaintext is in neither the database file nor its write-ahead log', () => {
    call('secrets.set', { name: 'PROM_TOKEN', value: TOKEN, actor: lead })
    call('secrets.set', { name: 'GRAFANA_PASSWORD', value: PASSWORD, actor: sre })
    const stored = t.room.db.prepare("SELECT ciphertext FROM secrets WHERE name = 'PROM_TOKEN'").get() as { ciphertext: Buffer }
    expect(Buffer.isBuffer(stored.ciphertext)).toBe(true)
    expect(stored.ciphertext.includes(Buffer.from(TOKEN))).toBe(false)

    const live = bytesOnDisk()
    expect(live.includes(Buffer.from('PROM_TOKEN'))).toBe(true) // the name is there, so the search would find a value
    expect(live.includes(Buffer.from(TOKEN))).toBe(false)
    expect(live.includes(Buffer.from(PASSWORD))).toBe(false)
    t.room.db.pragma('wal_checkpoint(TRUNCATE)')
    const checkpointed = readFileSync(t.dbPath)
    expect(checkpointed.includes(Buffer.from(TOKEN))).toBe(false)
    expect(checkpointed.includes(Buffer.from(PASSWORD))).toBe(false)
  })

  it('lets only the DevOps lead or an SRE change credentials', () => {
    expect(refusal('secrets.set', { name: 'PROM_TOKEN', value: TOKEN, actor: qa }).message).toBe(
      'Only the DevOps lead or an SRE can store credentials for signals; you are acting as QA lead.'
    )
    call('secrets.set', { name: 'PROM_TOKEN', value: TOKEN, actor: sre })
    expect(refusal('secrets.remove', { name: 'PROM_TOKEN', actor: { name: 'Watcher', role: 'observer' } }).code).toBe('rule_violation')
    expect(countRows(t.room, 'secrets')).toBe(1)
  })

  it('accepts upper-case environment-variable names only, and never repeats a refused value', () => {
    for (const name of ['prom_token', '1TOKEN', 'PROM-TOKEN', '', 'A'.repeat(129)]) {
      const error = refusal('secrets.set', { name, value: TOKEN, actor: lead })
      expect(error.code).toBe('invalid_input')
      expect(error.message).toContain('upper-case environment variable name')
      expect(JSON.stringify(error)).not.toContain(TOKEN)
    }
    for (const value of ['', `${TOKEN}\n`, 'x'.repeat(16_385)]) {
      const error = refusal('secrets.set', { name: 'PROM_TOKEN', value, actor: lead })
      expect(error.code).toBe('invalid_input')
      if (value) expect(JSON.stringify(error)).not.toContain(value.trim())
    }
    expect(countRows(t.room, 'secrets')).toBe(0)
  })
})

describe('secrets without a usable cipher', () => {
  it('refuses to store in the browser host and says which environment variable to set instead', () => {
    const error = refusal('secrets.set', { name: 'PROM_TOKEN', value: TOKEN, actor: lead })
    expect(error.code).toBe('rule_violation')
    expect(error.message).toContain('Set the environment variable PROM_TOKEN before starting the host')
    expect(error.message).not.toContain(TOKEN)
    expect(countRows(t.room, 'secrets')).toBe(0)
    expect(call<SecretList>('secrets.list', {})).toEqual({ canStore: false, secrets: [] })
    expect(bytesOnDisk().includes(Buffer.from(TOKEN))).toBe(false)
  })

  it('refuses on a desktop whose OS offers no key store', () => {
    t.room.stores.secrets.useCipher(xorCipher({ available: false }))
    const error = refusal('secrets.set', { name: 'PROM_TOKEN', value: TOKEN, actor: sre })
    expect(error.message).toContain('Set the environment variable PROM_TOKEN before starting the app')
    expect(countRows(t.room, 'secrets')).toBe(0)
    expect(call<SecretList>('secrets.list', {}).canStore).toBe(false)
  })

  it('still lets a stored credential be removed, since deleting ciphertext reveals nothing', () => {
    t.room.stores.secrets.useCipher(xorCipher())
    call('secrets.set', { name: 'PROM_TOKEN', value: TOKEN, actor: lead })
    t.room.stores.secrets.useCipher(undefined)
    expect(call<SecretList>('secrets.list', {})).toEqual({ canStore: false, secrets: [expect.objectContaining({ name: 'PROM_TOKEN' })] })
    call('secrets.remove', { name: 'PROM_TOKEN', actor: lead })
    expect(countRows(t.room, 'secrets')).toBe(0)
  })
})
