import type { SecretCipher } from '../../../src/main/secrets/secret-cipher'

/**
 * A test double, not encryption: XOR with a fixed key, so ciphertext differs from the plaintext byte for byte and the
 * tests can check that only ciphertext reaches SQLite. The real app uses Electron's safeStorage.
 */
export function xorCipher(options: { available?: boolean; key?: string } = {}): SecretCipher & { decrypts: number; broken: boolean } {
  const key = Buffer.from(options.key ?? 'test-double-key-not-encryption', 'utf8')
  const xor = (buf: Buffer) => Buffer.from(buf.map((b, i) => b ^ key[i % key.length]))
  const cipher = {
    decrypts: 0,
    broken: false,
    available: () => options.available ?? true,
    encrypt: (text: string) => Buffer.concat([Buffer.from('XOR1'), xor(Buffer.from(text, 'utf8'))]),
    decrypt: (buf: Buffer) => {
      cipher.decrypts++
      if (cipher.broken || buf.subarray(0, 4).toString() !== 'XOR1') throw new Error('the key store was reset')
      return xor(buf.subarray(4)).toString('utf8')
    }
  }
  return cipher
}
