import type { Migration } from '../migration'

/**
 * Samples written where writing is cheap, and summaries kept from the start.
 *
 * - `recent_samples`: the live poller's write target, the same `(sid, t, v)` shape as `samples`. `samples` is
 *   clustered by signal, so a tick of 1,000 signals wrote 1,000 different pages; this table stays a few seconds
 *   small, so a tick touches a few dozen. Every 15 s its rows are settled into `samples` a slice of signals at a
 *   time, each signal's 15 readings landing on its own page in one write.
 * - `signals.summarized_to`: every sample of the signal older than this instant (a minute boundary) is counted in
 *   `sample_rollups`. Rollups used to be made only when raw samples aged out; now they follow a couple of minutes
 *   behind the present, so a chart over two days reads 2,880 minutes instead of 172,800 samples. Null until the
 *   first summary: the rollups then hold only what was folded before this version.
 * - `all_samples`: both raw tables as one, for reads. SQLite pushes a signal and time range into each side, and merges
 *   the two index walks when the read is ordered by time.
 */
export const recentSamplesMigration: Migration = {
  version: 11,
  name: 'recent-samples',
  up(db) {
    db.exec(`
      CREATE TABLE recent_samples (
        sid  INTEGER NOT NULL,
        t    INTEGER NOT NULL,
        v    REAL NOT NULL,
        PRIMARY KEY (sid, t)
      ) STRICT, WITHOUT ROWID;
      CREATE VIEW all_samples AS SELECT sid, t, v FROM samples UNION ALL SELECT sid, t, v FROM recent_samples;
      ALTER TABLE signals ADD COLUMN summarized_to INTEGER;
    `)
  }
}
