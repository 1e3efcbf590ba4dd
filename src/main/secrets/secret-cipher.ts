/**
 * Encrypts credentials before they are written to SQLite. The desktop app passes one that wraps Electron's
 * safeStorage (built in src/main/index.ts, the only module that may import electron); the browser host has none, so
 * it stores nothing and reads credentials from its environment.
 */
export interface SecretCipher {
  /** False when the OS offers no real key store (on Linux: no Secret Service or KWallet). */
  available(): boolean
  encrypt(text: string): Buffer
  decrypt(buf: Buffer): string
}
