import Database from 'better-sqlite3'
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Db } from './database'
import { SCHEMA_VERSION } from './migrations'

export class BackupRefusedError extends Error {
  constructor(
    readonly file: string,
    reason: string
  ) {
    super(`${basename(file)} cannot be restored: ${reason}. The live database was not touched.`)
    this.name = 'BackupRefusedError'
  }
}

export interface BackupInfo {
  file: string
  bytes: number
  at: string
}

/** An online backup: SQLite copies pages while the room keeps answering, and the copy is a consistent snapshot. */
export async function backupTo(db: Db, file: string, now: number): Promise<BackupInfo> {
  mkdirSync(dirname(file), { recursive: true })
  const partial = `${file}.partial`
  await db.backup(partial)
  renameSync(partial, file)
  return { file, bytes: statSync(file).size, at: new Date(now).toISOString() }
}

/** Checks a backup can be opened by this app before anything is replaced: integrity, schema version, tables. */
export function validateBackup(file: string, supported = SCHEMA_VERSION): { schemaVersion: number; releases: number } {
  if (!existsSync(file)) throw new BackupRefusedError(file, 'the file does not exist')
  let db: Db
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
  } catch (e) {
    throw new BackupRefusedError(file, `it is not a SQLite database (${(e as Error).message})`)
  }
  try {
    let check: string
    try {
      check = db.pragma('quick_check', { simple: true }) as string
    } catch (e) {
      throw new BackupRefusedError(file, `it is not a readable database (${(e as Error).message})`)
    }
    if (check !== 'ok') throw new BackupRefusedError(file, `it failed its integrity check (${check})`)
    const schemaVersion = db.pragma('user_version', { simple: true }) as number
    if (schemaVersion < 1) throw new BackupRefusedError(file, 'it is not a Release War Room database')
    if (schemaVersion > supported) throw new BackupRefusedError(file, `it was written by a newer app (schema ${schemaVersion}, this app reads up to ${supported})`)
    const hasReleases = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'releases'").get()
    if (!hasReleases) throw new BackupRefusedError(file, 'it has no releases table')
    const releases = (db.prepare('SELECT count(*) AS n FROM releases').get() as { n: number }).n
    return { schemaVersion, releases }
  } finally {
    db.close()
  }
}

/**
 * Replaces the database at `livePath` with a validated backup, keeping the replaced file beside it. Must run while
 * nothing has the live database open (the hosts do it at start-up, before opening the room).
 */
export function restoreBackup(livePath: string, file: string, now: number): { keptAs: string } {
  validateBackup(file)
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-')
  const keptAs = `${livePath}.before-restore-${stamp}`
  if (existsSync(livePath)) renameSync(livePath, keptAs)
  for (const suffix of ['-wal', '-shm']) rmSync(`${livePath}${suffix}`, { force: true })
  copyFileSync(file, livePath)
  return { keptAs }
}

const DAILY = /^warroom-(\d{4}-\d{2}-\d{2})\.sqlite$/

/** The day's automatic backup, if it is not there yet, then keeps only the newest `keep` of them. */
export async function dailyBackup(db: Db, folder: string, now: number, keep: number): Promise<BackupInfo | undefined> {
  const day = new Date(now).toISOString().slice(0, 10)
  const file = join(folder, `warroom-${day}.sqlite`)
  const made = existsSync(file) ? undefined : await backupTo(db, file, now)
  const daily = readdirSync(folder)
    .filter((f) => DAILY.test(f))
    .sort()
  for (const old of daily.slice(0, Math.max(0, daily.length - keep))) rmSync(join(folder, old), { force: true })
  return made
}
