import type { Migration } from '../migration'

/**
 * Stakeholder updates: each release's edited templates (a stage without a row uses the default text), its webhook,
 * and every send or copy with its outcome. The webhook address is the secret: the desktop app stores it encrypted
 * with the OS key store; `host` is the only part ever shown.
 */
export const updatesMigration: Migration = {
  version: 8,
  name: 'updates',
  up(db) {
    db.exec(`
      CREATE TABLE update_templates (
        release_id   TEXT NOT NULL REFERENCES releases(id),
        stage        TEXT NOT NULL,
        body         TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        updated_by   TEXT NOT NULL,
        updated_role TEXT NOT NULL,
        PRIMARY KEY (release_id, stage)
      ) STRICT;
      CREATE TABLE update_webhooks (
        release_id TEXT PRIMARY KEY REFERENCES releases(id),
        address    BLOB NOT NULL,
        encrypted  INTEGER NOT NULL CHECK (encrypted IN (0, 1)),
        host       TEXT NOT NULL,
        set_at     TEXT NOT NULL,
        set_by     TEXT NOT NULL,
        set_role   TEXT NOT NULL
      ) STRICT;
      CREATE TABLE update_sends (
        id             TEXT PRIMARY KEY,
        release_id     TEXT NOT NULL REFERENCES releases(id),
        stage          TEXT NOT NULL,
        channel        TEXT NOT NULL CHECK (channel IN ('webhook', 'copy')),
        host           TEXT,
        text           TEXT NOT NULL,
        requested_at   INTEGER NOT NULL,
        requested_by   TEXT NOT NULL,
        requested_role TEXT NOT NULL,
        status         TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'copied')),
        http_status    INTEGER,
        detail         TEXT,
        duration_ms    INTEGER,
        finished_at    INTEGER
      ) STRICT;
      CREATE INDEX update_sends_by_release ON update_sends (release_id, requested_at);
      CREATE INDEX update_sends_pending ON update_sends (status) WHERE status = 'pending';
    `)
  }
}
