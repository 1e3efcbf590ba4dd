import type { Migration } from '../migration'

/**
 * The release report's per-release metric settings (targets, chosen signals, actuals entered by hand), and reports
 * imported from other war rooms. Imported reports live in their own table, never beside live releases, and no
 * statement in the app updates them: they are read-only by construction, and triggers say so to anyone who tries.
 */
export const reportsMigration: Migration = {
  version: 7,
  name: 'reports',
  up(db) {
    db.exec(`
      CREATE TABLE report_settings (
        release_id   TEXT PRIMARY KEY REFERENCES releases(id),
        settings     TEXT NOT NULL,
        updated_by   TEXT NOT NULL,
        updated_role TEXT NOT NULL,
        updated_at   TEXT NOT NULL
      ) STRICT;
      CREATE TABLE imported_reports (
        id                TEXT PRIMARY KEY,
        source_release_id TEXT NOT NULL,
        title             TEXT NOT NULL,
        service           TEXT NOT NULL,
        version           TEXT NOT NULL,
        status            TEXT NOT NULL,
        head_hash         TEXT NOT NULL UNIQUE,
        exported_at       TEXT NOT NULL,
        imported_at       TEXT NOT NULL,
        imported_by       TEXT NOT NULL,
        imported_role     TEXT NOT NULL,
        bundle            TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER imported_reports_no_update BEFORE UPDATE ON imported_reports
      BEGIN SELECT RAISE(ABORT, 'imported reports are read-only'); END;
    `)
  }
}
