import { describe, expect, it } from 'vitest'
import { schemaVersionOf } from '../../../src/main/store/database'
import { databaseBefore } from '../../support/migration-db'

describe('migration 0003 rollout', () => {
  it('keeps releases from version 2 and adds rollouts, incidents, rollback procedures and figures, tied to their release', () => {
    const { db, upgrade } = databaseBefore(3, { id: 'old', status: 'production' })
    upgrade()
    expect(schemaVersionOf(db)).toBe(3)
    expect(db.prepare("SELECT count(*) AS n FROM releases WHERE id = 'old'").get()).toEqual({ n: 1 })

    db.prepare(`INSERT INTO rollouts (release_id, plan_json, state_json, template_json, status, next_due_at, updated_at) VALUES ('old', '{}', '{}', '{}', 'running', 5, 1)`).run()
    expect(() => db.prepare(`INSERT INTO rollouts VALUES ('missing', '{}', '{}', '{}', 'running', NULL, 1)`).run()).toThrow(/FOREIGN KEY/)
    expect(() => db.prepare(`UPDATE rollouts SET status = 'sideways'`).run()).toThrow(/CHECK constraint/)
    const incident = (severity: string) =>
      db.prepare(`INSERT INTO incidents (id, release_id, severity, summary, source, detected_at) VALUES (?, 'old', ?, 's', 'person', 1)`).run(`i-${severity}`, severity)
    expect(() => incident('high')).not.toThrow()
    expect(() => incident('apocalyptic')).toThrow(/CHECK constraint/)
    expect(db.prepare(`SELECT announced_json, answers_json, resolved_at FROM incidents`).get()).toEqual({ announced_json: '[]', answers_json: '[]', resolved_at: null })
    expect(() => db.prepare(`INSERT INTO rollback_steps (release_id, step_id, position, title, owner_role) VALUES ('old', 'a', 0, 't', 'sre')`).run()).toThrow(/FOREIGN KEY/)
  })
})
