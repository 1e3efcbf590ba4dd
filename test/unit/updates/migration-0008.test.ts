import { describe, expect, it } from 'vitest'
import { databaseBefore } from '../../support/migration-db'

describe('migration 0008 updates', () => {
  it('adds templates, webhooks and sends over existing releases, refusing unknown statuses and releases', () => {
    const { db, upgrade } = databaseBefore(8, { id: 'r', status: 'planning' })
    upgrade()
    const send = (id: string, release: string, status: string) =>
      db.prepare(`INSERT INTO update_sends (id, release_id, stage, channel, text, requested_at, requested_by, requested_role, status)
        VALUES (?, ?, 'scheduled', 'webhook', 'hi', 1, 'n', 'sre', ?)`).run(id, release, status)
    send('a', 'r', 'pending')
    expect(() => send('b', 'r', 'lost')).toThrow(/CHECK constraint/)
    expect(() => send('c', 'nope', 'pending')).toThrow(/FOREIGN KEY/)
    // The service's pending read uses the partial index rather than scanning every send ever made.
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM update_sends WHERE status = 'pending' ORDER BY requested_at`).all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/update_sends_pending/)
  })
})
