import type { Migration } from '../migration'

/**
 * Credentials for signals, encrypted by the desktop app before they reach this table (Electron's safeStorage, so only
 * this user on this machine can decrypt them). A plaintext value never has a column to land in.
 */
export const secretsMigration: Migration = {
  version: 6,
  name: 'secrets',
  up(db) {
    db.exec(`
      CREATE TABLE secrets (
        name         TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 128),
        ciphertext   BLOB NOT NULL,
        updated_at   TEXT NOT NULL,
        updated_by   TEXT NOT NULL,
        updated_role TEXT NOT NULL
      ) STRICT;
    `)
  }
}
