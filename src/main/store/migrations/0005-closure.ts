import type { Migration } from '../migration'

/** Release notes (one current text per release) and outcome measurements (kept, the latest one counts). */
export const closureMigration: Migration = {
  version: 5,
  name: 'closure',
  up(db) {
    db.exec(`
      CREATE TABLE release_notes (
        release_id   TEXT PRIMARY KEY REFERENCES releases(id),
        whats_new    TEXT NOT NULL,
        fixes        TEXT NOT NULL,
        known_issues TEXT NOT NULL,
        upgrade      TEXT NOT NULL,
        updated_by   TEXT NOT NULL,
        updated_role TEXT NOT NULL,
        updated_at   TEXT NOT NULL
      ) STRICT;
      CREATE TABLE outcomes (
        id          INTEGER PRIMARY KEY,
        release_id  TEXT NOT NULL REFERENCES releases(id),
        criterion   INTEGER NOT NULL,
        result      TEXT NOT NULL CHECK (result IN ('met', 'missed')),
        measured    TEXT,
        note        TEXT,
        actor_name  TEXT NOT NULL,
        actor_role  TEXT NOT NULL,
        at          TEXT NOT NULL
      ) STRICT;
      CREATE INDEX outcomes_by_release ON outcomes (release_id, criterion, id);
    `)
  }
}
