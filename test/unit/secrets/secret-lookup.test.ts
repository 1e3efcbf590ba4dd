import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { attachSecrets, storedThenEnvironment } from '../../../src/main/secrets/secret-lookup'
import { testRoom } from '../../support/room'
import { lead } from '../../support/fixtures'
import { xorCipher } from './fake-cipher'

const STORED = 'WARROOM_TEST_LOOKUP_STORED'
const ENV_ONLY = 'WARROOM_TEST_LOOKUP_ENV_ONLY'

let t: ReturnType<typeof testRoom>
beforeEach(() => {
  t = testRoom()
  process.env[STORED] = 'from-the-environment'
  process.env[ENV_ONLY] = 'env-only-value'
})
afterEach(() => {
  delete process.env[STORED]
  delete process.env[ENV_ONLY]
  t.dispose()
})

function store(name: string, value: string): void {
  const out = t.room.dispatch('secrets.set', { name, value, actor: lead })
  if (!out.ok) throw new Error(out.error.message)
}

describe('the credential lookup the poller uses', () => {
  it('reads the encrypted store first and the environment second', () => {
    const cipher = xorCipher()
    const lookup = attachSecrets(t.room, cipher, { log: () => {} })
    expect(lookup(STORED)).toBe('from-the-environment')
    store(STORED, 'from-the-store')
    expect(lookup(STORED)).toBe('from-the-store')
    expect(lookup(ENV_ONLY)).toBe('env-only-value')
    expect(lookup('WARROOM_TEST_LOOKUP_NOWHERE')).toBeUndefined()
    // Removed from the store: the environment answers again on the next read.
    expect(t.room.dispatch('secrets.remove', { name: STORED, actor: lead }).ok).toBe(true)
    expect(lookup(STORED)).toBe('from-the-environment')
  })

  it('reads only the environment in a host with no cipher, even when the database holds a stored value', () => {
    t.room.stores.secrets.useCipher(xorCipher())
    store(STORED, 'from-the-store')
    const lookup = attachSecrets(t.room, undefined)
    expect(lookup(STORED)).toBe('from-the-environment')
    expect(t.room.stores.secrets.cipher).toBeUndefined()
  })

  it('falls back to the environment when a stored value no longer decrypts, and logs the name only', () => {
    const cipher = xorCipher()
    const logged: string[] = []
    t.room.stores.secrets.useCipher(cipher)
    store(STORED, 'from-the-store')
    const lookup = storedThenEnvironment(t.room.stores.secrets, { log: (m, e) => logged.push(`${m} ${String(e)}`) })
    cipher.broken = true
    expect(lookup(STORED)).toBe('from-the-environment')
    expect(lookup(STORED)).toBe('from-the-environment')
    expect(logged).toHaveLength(1)
    expect(logged[0]).toContain(STORED)
    expect(logged[0]).not.toContain('from-the-store')
  })

  it('takes its fallback from the options, so a test need not touch process.env', () => {
    t.room.stores.secrets.useCipher(xorCipher())
    const lookup = storedThenEnvironment(t.room.stores.secrets, { fallback: (name) => (name === 'A_NAME' ? 'fallback' : undefined) })
    expect(lookup('A_NAME')).toBe('fallback')
    store('A_NAME', 'stored')
    expect(lookup('A_NAME')).toBe('stored')
  })
})
