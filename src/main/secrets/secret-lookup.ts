import type { Clock } from '../clock'
import type { WarRoom } from '../war-room'
import { environmentSecrets, type SecretLookup } from '../monitoring/auth-headers'
import type { PolledSignal } from '../monitoring/poller'
import type { SourceReader } from '../monitoring/reading'
import { createSourceReader } from '../monitoring/source-reader'
import type { Timers } from '../monitoring/timers'
import type { SecretCipher } from './secret-cipher'
import type { SecretStore } from './secret-store'

export interface StoredSecretsOptions {
  /** Where a name not in the store is looked up; the process environment unless a test says otherwise. */
  fallback?: SecretLookup
  /** Told the name (never the value) when a stored credential cannot be decrypted. */
  log?: (message: string, error?: unknown) => void
}

/**
 * The encrypted store first (only a host with a cipher can read it: the desktop app), then the environment (both
 * hosts). Decrypted on each read rather than cached, so a value is in memory only while a request's headers are built.
 * A stored value that no longer decrypts (the OS key store was reset) falls back to the environment, named once in the log.
 */
export function storedThenEnvironment(store: SecretStore, options: StoredSecretsOptions = {}): SecretLookup {
  const fallback = options.fallback ?? environmentSecrets
  const log = options.log ?? ((message, error) => console.error(`Release War Room secrets: ${message}`, error ?? ''))
  const warned = new Set<string>()
  return (name) => {
    const cipher = store.cipher
    if (cipher) {
      try {
        const ciphertext = store.ciphertextOf(name)
        if (ciphertext) {
          const value = cipher.decrypt(ciphertext)
          if (value !== '') return value
        }
      } catch (error) {
        if (!warned.has(name)) {
          warned.add(name)
          log(`the stored credential ${name} could not be decrypted; using the environment variable ${name} if it is set`, error instanceof Error ? error.message : undefined)
        }
      }
    }
    return fallback(name)
  }
}

/** Attaches the host's cipher (the desktop's safeStorage; none in the browser host) and returns the poller's lookup. */
export function attachSecrets(room: WarRoom, cipher: SecretCipher | undefined, options: StoredSecretsOptions = {}): SecretLookup {
  room.stores.secrets.useCipher(cipher)
  return storedThenEnvironment(room.stores.secrets, options)
}

/** The signal service's `poller.readerFor`, reading credentials through `secrets`. */
export function readerWithSecrets(deps: { clock: Clock; timers?: Timers; secrets: SecretLookup }): (signal: PolledSignal) => SourceReader {
  return (signal) => createSourceReader(signal.source, deps)
}
