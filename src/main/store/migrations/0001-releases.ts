import type { Migration } from '../migration'

export const releasesMigration: Migration = {
  version: 1,
  name: 'releases',
  up(db) {
    db.exec(`
      CREATE TABLE releases (
        id            TEXT PRIMARY KEY,
        title         TEXT NOT NULL,
        service       TEXT NOT NULL,
        version       TEXT NOT NULL,
        environment   TEXT NOT NULL,
        strategy      TEXT NOT NULL CHECK (strategy IN ('canary', 'blue-green', 'rolling', 'big-bang')),
        owner         TEXT NOT NULL,
        status        TEXT NOT NULL,
        window_start  TEXT,
        window_end    TEXT,
        created_at    TEXT NOT NULL,
        created_by    TEXT NOT NULL,
        created_role  TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX releases_by_service ON releases (service, created_at);
    `)
  }
}
