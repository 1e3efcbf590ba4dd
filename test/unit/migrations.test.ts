import { describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { MIGRATIONS } from '../../src/main/store/migrations'
import { migrate, schemaVersionOf } from '../../src/main/store/database'

/** One test per migration, each on an in-memory database brought to the version before it. */
function before(version: number): Database.Database {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
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

describe('migration 0002 runbook', () => {
  it('keeps releases from version 1, adds runbook columns with empty defaults, and makes votes and timeline append-only', () => {
    const db = before(2)
    db.prepare(
      `INSERT INTO releases VALUES ('old', 't','s','1','production','canary','o','planning',NULL,NULL,'2026','n','sre','2026')`
    ).run()
    migrate(db, MIGRATIONS.filter((m) => m.version <= 2))
    expect(schemaVersionOf(db)).toBe(2)
    expect(db.prepare("SELECT template_id, gates_json, ended_reason FROM releases WHERE id = 'old'").get()).toEqual({
      template_id: '',
      gates_json: '[]',
      ended_reason: null
    })
    db.prepare(
      `INSERT INTO timeline (release_id, seq, at, kind, summary, data, prev_hash, hash) VALUES ('old', 1, '2026', 'note', 's', '{}', 'p', 'h')`
    ).run()
    expect(() => db.prepare("UPDATE timeline SET summary = 'x'").run()).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM timeline').run()).toThrow(/append-only/)
    db.prepare(
      `INSERT INTO votes VALUES ('v1', 'old', 'ready', 'go', 'r', 'n', 'sre', '2026', NULL, '{}')`
    ).run()
    expect(() => db.prepare("UPDATE votes SET verdict = 'no-go'").run()).toThrow(/never edited/)
    expect(() => db.prepare("INSERT INTO checklist_items (id, release_id, key, phase, position, title, why, owner_role, required, status) VALUES ('i', 'missing', 'k', 'staging', 1, 't', '', 'sre', 1, 'open')").run()).toThrow(/FOREIGN KEY/)
  })
})

describe('migration list', () => {
  it('is numbered from 1 without gaps or repeats', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
  })
})
