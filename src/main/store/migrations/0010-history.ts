import type { Migration } from '../migration'

/**
 * Delivery history.
 *
 * - `releases.commit_at`: when the release's change was committed (ISO time), if the team gives it; lead time for
 *   changes runs from here to the release entering production.
 * - `service_slos`: one availability objective per service. A service has no timeline of its own, so the row keeps
 *   its audit: who set it, when, why, and the target it replaced.
 */
export const historyMigration: Migration = {
  version: 10,
  name: 'history',
  up(db) {
    db.exec(`
      ALTER TABLE releases ADD COLUMN commit_at TEXT;
      CREATE TABLE service_slos (
        service          TEXT PRIMARY KEY CHECK (length(service) BETWEEN 1 AND 100),
        target_percent   REAL NOT NULL CHECK (target_percent > 0 AND target_percent < 100),
        window_days      INTEGER NOT NULL CHECK (window_days BETWEEN 1 AND 365),
        set_by_name      TEXT NOT NULL,
        set_by_role      TEXT NOT NULL,
        set_at           TEXT NOT NULL,
        previous_target  REAL,
        reason           TEXT
      ) STRICT;
    `)
  }
}
