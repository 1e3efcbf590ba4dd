import Database from 'better-sqlite3'
import { MIGRATIONS } from '../../src/main/store/migrations'
import { migrate } from '../../src/main/store/database'

/**
 * An in-memory database migrated to just before `version`, holding one release row as an older app wrote it, so a
 * migration test checks what the upgrade keeps as well as what it adds. `upgrade()` then applies `version`.
 */
export function databaseBefore(version: number, release: { id: string; status: string }): { db: Database.Database; upgrade(): void } {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(db, MIGRATIONS.filter((m) => m.version < version))
  db.prepare(
    `INSERT INTO releases (id, title, service, version, environment, strategy, owner, status, created_at, created_by, created_role, updated_at)
     VALUES (?, 't', 's', '1', 'production', 'canary', 'o', ?, '2026', 'n', 'sre', '2026')`
  ).run(release.id, release.status)
  return { db, upgrade: () => migrate(db, MIGRATIONS.filter((m) => m.version <= version)) }
}
