import type { Migration } from '../migration'

/**
 * The post-release review (answers, lessons, action items, completion) and success criteria read from a signal.
 * The review's facts are not stored: they are drafted from the record each time it is read.
 */
export const reviewMigration: Migration = {
  version: 9,
  name: 'review',
  up(db) {
    db.exec(`
      CREATE TABLE reviews (
        release_id     TEXT PRIMARY KEY REFERENCES releases(id),
        lessons        TEXT NOT NULL DEFAULT '[]',
        lessons_by     TEXT,
        lessons_role   TEXT,
        lessons_at     TEXT,
        completed_by   TEXT,
        completed_role TEXT,
        completed_at   TEXT
      ) STRICT;
      CREATE TABLE review_answers (
        release_id     TEXT NOT NULL REFERENCES releases(id),
        question_id    TEXT NOT NULL,
        answer         TEXT NOT NULL,
        not_applicable INTEGER NOT NULL CHECK (not_applicable IN (0, 1)),
        actor_name     TEXT NOT NULL,
        actor_role     TEXT NOT NULL,
        at             TEXT NOT NULL,
        PRIMARY KEY (release_id, question_id)
      ) STRICT;
      CREATE TABLE review_actions (
        id           TEXT PRIMARY KEY,
        release_id   TEXT NOT NULL REFERENCES releases(id),
        position     INTEGER NOT NULL,
        title        TEXT NOT NULL,
        owner_name   TEXT,
        owner_role   TEXT,
        due          TEXT,
        status       TEXT NOT NULL CHECK (status IN ('open', 'done')),
        created_by   TEXT NOT NULL,
        created_role TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX review_actions_by_release ON review_actions (release_id, position);
      CREATE TABLE outcome_signals (
        release_id     TEXT NOT NULL REFERENCES releases(id),
        criterion      INTEGER NOT NULL,
        signal_id      TEXT NOT NULL,
        comparator     TEXT NOT NULL CHECK (comparator IN ('<', '<=', '>', '>=')),
        value          REAL NOT NULL,
        window_minutes INTEGER NOT NULL,
        set_by         TEXT NOT NULL,
        set_role       TEXT NOT NULL,
        set_at         TEXT NOT NULL,
        settled        TEXT CHECK (settled IN ('met', 'missed', 'no-data', 'by-person')),
        settled_at     TEXT,
        PRIMARY KEY (release_id, criterion)
      ) STRICT;
    `)
  }
}
