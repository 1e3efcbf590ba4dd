import type { Migration } from '../migration'

/**
 * The runbook: checklist items, votes and the hash-chained timeline. Votes and timeline rows are append-only; the
 * triggers stop an accidental UPDATE or DELETE through any connection, and the hash chain exposes a deliberate one.
 * Releases created before this version start with an empty runbook rather than one invented after the fact.
 */
export const runbookMigration: Migration = {
  version: 2,
  name: 'runbook',
  up(db) {
    db.exec(`
      ALTER TABLE releases ADD COLUMN template_id TEXT NOT NULL DEFAULT '';
      ALTER TABLE releases ADD COLUMN gates_json TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE releases ADD COLUMN participants_json TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE releases ADD COLUMN success_criteria_json TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE releases ADD COLUMN ended_reason TEXT;

      CREATE TABLE templates (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        strategy    TEXT NOT NULL,
        body        TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE checklist_items (
        id           TEXT PRIMARY KEY,
        release_id   TEXT NOT NULL REFERENCES releases(id),
        key          TEXT NOT NULL,
        phase        TEXT NOT NULL,
        position     INTEGER NOT NULL,
        title        TEXT NOT NULL,
        why          TEXT NOT NULL,
        owner_role   TEXT NOT NULL,
        required     INTEGER NOT NULL CHECK (required IN (0, 1)),
        status       TEXT NOT NULL CHECK (status IN ('open', 'done', 'blocked', 'waived', 'n/a')),
        note         TEXT,
        evidence     TEXT,
        changed_by   TEXT,
        changed_role TEXT,
        changed_at   TEXT,
        UNIQUE (release_id, key)
      ) STRICT;
      CREATE INDEX checklist_by_release ON checklist_items (release_id, position);

      CREATE TABLE votes (
        id          TEXT PRIMARY KEY,
        release_id  TEXT NOT NULL REFERENCES releases(id),
        gate        TEXT NOT NULL,
        verdict     TEXT NOT NULL CHECK (verdict IN ('go', 'no-go', 'abstain')),
        rationale   TEXT NOT NULL,
        actor_name  TEXT NOT NULL,
        actor_role  TEXT NOT NULL,
        at          TEXT NOT NULL,
        supersedes  TEXT REFERENCES votes(id),
        snapshot    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX votes_by_release ON votes (release_id, gate, at);
      CREATE TRIGGER votes_append_only_update BEFORE UPDATE ON votes
        BEGIN SELECT RAISE(ABORT, 'votes are never edited: cast a new vote instead'); END;
      CREATE TRIGGER votes_append_only_delete BEFORE DELETE ON votes
        BEGIN SELECT RAISE(ABORT, 'votes are never deleted'); END;

      CREATE TABLE timeline (
        id          INTEGER PRIMARY KEY,
        release_id  TEXT NOT NULL REFERENCES releases(id),
        seq         INTEGER NOT NULL,
        at          TEXT NOT NULL,
        kind        TEXT NOT NULL,
        actor_name  TEXT,
        actor_role  TEXT,
        summary     TEXT NOT NULL,
        data        TEXT NOT NULL,
        prev_hash   TEXT NOT NULL,
        hash        TEXT NOT NULL,
        UNIQUE (release_id, seq)
      ) STRICT;
      CREATE TRIGGER timeline_append_only_update BEFORE UPDATE ON timeline
        BEGIN SELECT RAISE(ABORT, 'the timeline is append-only'); END;
      CREATE TRIGGER timeline_append_only_delete BEFORE DELETE ON timeline
        BEGIN SELECT RAISE(ABORT, 'the timeline is append-only'); END;
    `)
  }
}
