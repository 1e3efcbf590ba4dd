import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { DatabaseCorruptError, DatabaseTooNewError, openDatabase, schemaVersionOf } from '../../src/main/store/database'
import { SCHEMA_VERSION } from '../../src/main/store/migrations'
import { tempDir } from '../support/temp-dir'

let dir: ReturnType<typeof tempDir>
beforeEach(() => {
  dir = tempDir()
})
afterEach(() => dir.remove())

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

describe('openDatabase', () => {
  it('creates a new file at the current schema version with WAL and foreign keys on', () => {
    const db = openDatabase(join(dir.path, 'room.sqlite'))
    expect(schemaVersionOf(db)).toBe(SCHEMA_VERSION)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
    db.close()
  })

  it('reopens an existing database without re-running migrations', () => {
    const path = join(dir.path, 'room.sqlite')
    const db = openDatabase(path)
    db.prepare(
      `INSERT INTO releases (id, title, service, version, environment, strategy, owner, status, created_at, created_by, created_role, updated_at)
       VALUES ('r1','t','s','1','production','canary','o','planning','2026-01-01T00:00:00.000Z','n','sre','2026-01-01T00:00:00.000Z')`
    ).run()
    db.close()
    const again = openDatabase(path)
    expect(again.prepare('SELECT count(*) AS n FROM releases').get()).toEqual({ n: 1 })
    again.close()
  })

  it('refuses a database written by a newer app and leaves its bytes untouched', () => {
    const path = join(dir.path, 'newer.sqlite')
    const raw = new Database(path)
    raw.exec('CREATE TABLE future (x)')
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`)
    raw.close()
    const before = sha(path)

    expect(() => openDatabase(path)).toThrow(DatabaseTooNewError)
    expect(() => openDatabase(path)).toThrow(/newer Release War Room.*left untouched/)
    expect(sha(path)).toBe(before)
  })

  it('refuses a file that is not a database, without overwriting it', () => {
    const path = join(dir.path, 'garbage.sqlite')
    writeFileSync(path, 'this is not sqlite '.repeat(400))
    const before = sha(path)
    expect(() => openDatabase(path)).toThrow(DatabaseCorruptError)
    expect(sha(path)).toBe(before)
  })

  it('keeps the last good version when a migration fails', () => {
    const path = join(dir.path, 'm.sqlite')
    const migrations = [
      { version: 1, name: 'one', up: (db: Database.Database) => db.exec('CREATE TABLE one (x)') },
      {
        version: 2,
        name: 'broken',
        up: (db: Database.Database) => {
          db.exec('CREATE TABLE two (x)')
          throw new Error('boom')
        }
      }
    ]
    expect(() => openDatabase(path, { migrations })).toThrow('boom')
    const raw = new Database(path)
    expect(raw.pragma('user_version', { simple: true })).toBe(1)
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE name = 'two'").get()).toBeUndefined()
    raw.close()
  })
})
