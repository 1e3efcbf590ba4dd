import Database from 'better-sqlite3'
import { MIGRATIONS, SCHEMA_VERSION } from './migrations'
import type { Migration } from './migration'

export type Db = Database.Database

export class DatabaseTooNewError extends Error {
  constructor(
    readonly path: string,
    readonly found: number,
    readonly supported: number
  ) {
    super(
      `The database at ${path} has schema version ${found}, but this app understands up to ${supported}. ` +
        'It was written by a newer Release War Room; open it with that version. The file was left untouched.'
    )
    this.name = 'DatabaseTooNewError'
  }
}

export class DatabaseCorruptError extends Error {
  constructor(
    readonly path: string,
    detail: string
  ) {
    super(`The database at ${path} failed its integrity check (${detail}). Restore it from a backup; it was left untouched.`)
    this.name = 'DatabaseCorruptError'
  }
}

export interface OpenOptions {
  /** Path to a better-sqlite3 addon built for another ABI (Electron's). */
  nativeBinding?: string
  migrations?: readonly Migration[]
}

/**
 * Opens (or creates) the war room's database. A file from a newer app, or one that fails the integrity check, is
 * refused before anything is written to it: it is inspected through a read-only handle first, because setting WAL
 * mode alone would rewrite its header.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const migrations = options.migrations ?? MIGRATIONS
  const supported = migrations.length ? migrations[migrations.length - 1].version : 0
  const driver = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}

  if (path !== ':memory:') inspectExisting(path, supported, driver)

  const db = new Database(path, driver)
  try {
    db.pragma('journal_mode = WAL')
    // FULL: a commit is on disk before the caller hears "ok", even across a power cut, not only a process crash.
    db.pragma('synchronous = FULL')
    // Checkpoint every 16 MB of log rather than 4: the pages a tick or a settle rewrites (the tail of the recent
    // samples, each signal's last page) are copied into the file once per checkpoint however often they changed.
    db.pragma('wal_autocheckpoint = 4000')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    migrate(db, migrations)
    return db
  } catch (e) {
    db.close()
    throw e
  }
}

function inspectExisting(path: string, supported: number, driver: { nativeBinding?: string }): void {
  let ro: Db
  try {
    ro = new Database(path, { ...driver, readonly: true, fileMustExist: true })
  } catch {
    return // no file yet: it will be created
  }
  try {
    const found = ro.pragma('user_version', { simple: true }) as number
    if (found > supported) throw new DatabaseTooNewError(path, found, supported)
    // quick_check: the integrity check without the index cross-check, fast enough to run at every open.
    const result = ro.pragma('quick_check', { simple: true }) as string
    if (result !== 'ok') throw new DatabaseCorruptError(path, result)
  } catch (e) {
    if (e instanceof DatabaseTooNewError || e instanceof DatabaseCorruptError) throw e
    throw new DatabaseCorruptError(path, e instanceof Error ? e.message : String(e))
  } finally {
    ro.close()
  }
}

export function schemaVersionOf(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number
}

/** Applies each pending migration in its own transaction, so a failure leaves the last good version in place. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): void {
  const current = schemaVersionOf(db)
  for (const m of migrations) {
    if (m.version <= current) continue
    db.transaction(() => {
      m.up(db)
      db.pragma(`user_version = ${Math.trunc(m.version)}`)
    })()
  }
}

export { SCHEMA_VERSION }
