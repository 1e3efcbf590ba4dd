import type { Migration } from '../migration'

/**
 * Signals, samples and their retention.
 *
 * - `signals`: one row per watched number on a release: its definition as JSON (what a person wrote, validated by the
 *   shared schema), and where it stands now (state, last value, last error, the sustained-breach tracker), so a
 *   restart shows the room as it was and does not open a second incident for a breach already reported.
 * - `samples`: raw readings, `(sid, t, v)` with an integer signal key, clustered on (sid, t) without a rowid: the
 *   smallest row SQLite can store, and a chart's range read is one contiguous index walk.
 * - `sample_rollups`: once raw samples pass the retention age (48 h by default) each minute is folded into one row of
 *   count, min, max and sum, and the raw rows are deleted; rollups have their own, longer, retention. Together they
 *   keep the file bounded however long the app runs.
 * - `demo_release`: which release is the demo, the origin its signals were last pointed at, and the fault it shows.
 */
export const signalsMigration: Migration = {
  version: 4,
  name: 'signals',
  up(db) {
    db.exec(`
      CREATE TABLE signals (
        sid            INTEGER PRIMARY KEY,
        id             TEXT NOT NULL UNIQUE,
        release_id     TEXT NOT NULL REFERENCES releases(id),
        position       INTEGER NOT NULL,
        name           TEXT NOT NULL,
        role           TEXT CHECK (role IN ('canary', 'baseline')),
        definition     TEXT NOT NULL,
        state          TEXT NOT NULL DEFAULT 'stale' CHECK (state IN ('ok', 'warn', 'critical', 'stale', 'error')),
        state_reason   TEXT,
        threshold      REAL,
        last_value     REAL,
        last_at        INTEGER,
        last_error     TEXT,
        last_error_at  INTEGER,
        breach         TEXT,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX signals_by_release ON signals (release_id, position);

      CREATE TABLE samples (
        sid  INTEGER NOT NULL,
        t    INTEGER NOT NULL,
        v    REAL NOT NULL,
        PRIMARY KEY (sid, t)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sample_rollups (
        sid  INTEGER NOT NULL,
        t    INTEGER NOT NULL,
        n     INTEGER NOT NULL,
        lo    REAL NOT NULL,
        hi    REAL NOT NULL,
        total REAL NOT NULL,
        PRIMARY KEY (sid, t)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE demo_release (
        release_id      TEXT PRIMARY KEY REFERENCES releases(id),
        origin          TEXT NOT NULL,
        fault           TEXT NOT NULL DEFAULT 'none' CHECK (fault IN ('none', 'errors', 'latency')),
        traffic_percent REAL NOT NULL DEFAULT 10
      ) STRICT;
    `)
  }
}
