import type { Migration } from '../migration'

/**
 * Rollout plans and state, incidents, decision answers, rollback procedures and deployment figures. Times the rules
 * compute with (soak ends, deadlines) are epoch milliseconds. The rollout's state is kept whole as JSON because the
 * machine reads and writes it whole; `status` and `next_due_at` are copied out of it so the soak timer finds due
 * work with one indexed query. The template columns hold what the release copied from the defaults at first use.
 */
export const rolloutMigration: Migration = {
  version: 3,
  name: 'rollout',
  up(db) {
    db.exec(`
      CREATE TABLE rollouts (
        release_id     TEXT PRIMARY KEY REFERENCES releases(id),
        plan_json      TEXT NOT NULL,
        state_json     TEXT NOT NULL,
        template_json  TEXT NOT NULL,
        status         TEXT NOT NULL CHECK (status IN ('not-started', 'running', 'held', 'aborted', 'completed', 'rolling-back', 'rolled-back')),
        next_due_at    INTEGER,
        updated_at     INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX rollouts_due ON rollouts (next_due_at) WHERE next_due_at IS NOT NULL;

      CREATE TABLE incidents (
        id              TEXT PRIMARY KEY,
        release_id      TEXT NOT NULL REFERENCES releases(id),
        severity        TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
        summary         TEXT NOT NULL,
        source          TEXT NOT NULL CHECK (source IN ('person', 'gate', 'signal')),
        step_id         TEXT,
        detected_at     INTEGER NOT NULL,
        deadline_at     INTEGER,
        opened_by_name  TEXT,
        opened_by_role  TEXT,
        announced_json  TEXT NOT NULL DEFAULT '[]',
        answers_json    TEXT NOT NULL DEFAULT '[]',
        decided_at      INTEGER,
        outcome         TEXT CHECK (outcome IN ('rollback-now', 'fix-in-place', 'rollback-fix-redeploy')),
        resolved_at     INTEGER,
        resolved_by_name TEXT,
        resolved_by_role TEXT,
        resolution      TEXT,
        data_json       TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX incidents_by_release ON incidents (release_id, detected_at);
      CREATE INDEX incidents_open ON incidents (deadline_at) WHERE resolved_at IS NULL;

      CREATE TABLE rollback_procedures (
        release_id       TEXT PRIMARY KEY REFERENCES releases(id),
        incident_id      TEXT REFERENCES incidents(id),
        reason           TEXT NOT NULL,
        decided_at       INTEGER NOT NULL,
        decided_by_name  TEXT NOT NULL,
        decided_by_role  TEXT NOT NULL,
        target_minutes   INTEGER NOT NULL,
        finished_at      INTEGER
      ) STRICT;

      CREATE TABLE rollback_steps (
        release_id    TEXT NOT NULL REFERENCES rollback_procedures(release_id),
        step_id       TEXT NOT NULL,
        position      INTEGER NOT NULL,
        title         TEXT NOT NULL,
        owner_role    TEXT NOT NULL,
        done_at       INTEGER,
        done_by_name  TEXT,
        done_by_role  TEXT,
        note          TEXT,
        PRIMARY KEY (release_id, step_id)
      ) STRICT;

      CREATE TABLE deployment_figures (
        release_id      TEXT PRIMARY KEY REFERENCES releases(id),
        deployment_ms   INTEGER,
        deployment_status TEXT NOT NULL,
        rollback_ms     INTEGER,
        rollback_status TEXT NOT NULL,
        rolled_back_at  INTEGER,
        decisions_json  TEXT NOT NULL DEFAULT '[]',
        updated_at      INTEGER NOT NULL
      ) STRICT;
    `)
  }
}
