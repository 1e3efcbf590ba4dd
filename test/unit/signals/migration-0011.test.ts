import { describe, expect, it } from 'vitest'
import { schemaVersionOf } from '../../../src/main/store/database'
import { databaseBefore } from '../../support/migration-db'

describe('migration 0011 recent samples', () => {
  it('adds the recent table, the view over both and the summary horizon, keeping settled samples readable', () => {
    const { db, upgrade } = databaseBefore(11, { id: 'r', status: 'planning' })
    db.prepare(`INSERT INTO signals (id, release_id, position, name, definition, created_at, updated_at) VALUES ('s', 'r', 1, 'n', '{}', 'x', 'x')`).run()
    db.prepare('INSERT INTO samples (sid, t, v) VALUES (1, 1000, 1), (1, 2000, 2)').run()
    upgrade()
    expect(schemaVersionOf(db)).toBe(11)
    expect(db.prepare('SELECT summarized_to FROM signals').get()).toEqual({ summarized_to: null })
    db.prepare('INSERT INTO recent_samples (sid, t, v) VALUES (1, 3000, 3)').run()
    expect(db.prepare('SELECT t, v FROM all_samples WHERE sid = 1 AND t >= 0 AND t <= 5000 ORDER BY t').all()).toEqual([
      { t: 1000, v: 1 },
      { t: 2000, v: 2 },
      { t: 3000, v: 3 }
    ])
    // A chart's range read walks both primary keys and merges them in time order: no table scan, no sort.
    const plan = (db.prepare('EXPLAIN QUERY PLAN SELECT t, v FROM all_samples WHERE sid = 1 AND t >= 0 AND t <= 10 ORDER BY t').all() as { detail: string }[])
      .map((p) => p.detail)
      .join(' ')
    expect(plan).toMatch(/MERGE \(UNION ALL\)/)
    expect(plan).toMatch(/SEARCH samples USING PRIMARY KEY \(sid=\? AND t>\? AND t<\?\)/)
    expect(plan).toMatch(/SEARCH recent_samples USING PRIMARY KEY \(sid=\? AND t>\? AND t<\?\)/)
    expect(plan).not.toMatch(/TEMP B-TREE/)
  })
})
