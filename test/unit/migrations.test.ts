import { describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { MIGRATIONS } from '../../src/main/store/migrations'
import { migrate, schemaVersionOf } from '../../src/main/store/database'

/** One test per migration, each on an in-memory database brought to the version before it. */
function before(version: number): Database.Database {
  const db = new Database(':memory:')
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version < version)
  )
  return db
}

describe('migration 0001 releases', () => {
  it('creates the releases table and rejects an unknown strategy', () => {
    const db = before(1)
    migrate(db, MIGRATIONS.filter((m) => m.version <= 1))
    expect(schemaVersionOf(db)).toBe(1)
    const insert = (strategy: string) =>
      db
        .prepare(
          `INSERT INTO releases VALUES (?, 't','s','1','production',?,'o','planning',NULL,NULL,'2026','n','sre','2026')`
        )
        .run(`r-${strategy}`, strategy)
    expect(() => insert('canary')).not.toThrow()
    expect(() => insert('yolo')).toThrow(/CHECK constraint/)
  })
})

describe('migration list', () => {
  it('is numbered from 1 without gaps or repeats', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
  })
})
