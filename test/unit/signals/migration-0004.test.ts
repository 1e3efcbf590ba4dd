import { describe, expect, it } from 'vitest'
import { schemaVersionOf } from '../../../src/main/store/database'
import { databaseBefore } from '../../support/migration-db'

describe('migration 0004 signals', () => {
  it('adds signals, compact samples keyed on (sid, t), rollups and the demo record, keeping earlier data', () => {
    const { db, upgrade } = databaseBefore(4, { id: 'r', status: 'planning' })
    upgrade()
    expect(schemaVersionOf(db)).toBe(4)
    db.prepare(`INSERT INTO signals (id, release_id, position, name, definition, created_at, updated_at) VALUES ('s', 'r', 1, 'n', '{}', 'x', 'x')`).run()
    expect(() => db.prepare(`UPDATE signals SET state = 'purple'`).run()).toThrow(/CHECK constraint/)
    expect(() => db.prepare(`INSERT INTO signals (id, release_id, position, name, definition, created_at, updated_at) VALUES ('z', 'nope', 1, 'n', '{}', 'x', 'x')`).run()).toThrow(/FOREIGN KEY/)
    const sql = (db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'samples'`).get() as { sql: string }).sql
    expect(sql).toMatch(/WITHOUT ROWID/)
    // The range read a chart makes walks the primary key, never the whole table.
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT t, v FROM samples WHERE sid = 1 AND t >= 0 AND t <= 10').all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/SEARCH samples USING PRIMARY KEY \(sid=\? AND t>\? AND t<\?\)/)
  })
})
