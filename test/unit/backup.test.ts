import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { backupTo, BackupRefusedError, dailyBackup, restoreBackup, validateBackup } from '../../src/main/store/backup'
import { openWarRoom } from '../../src/main/war-room'
import { tempDir } from '../support/temp-dir'
import { releaseInput } from '../support/fixtures'

let dir: ReturnType<typeof tempDir>
beforeEach(() => {
  dir = tempDir()
})
afterEach(() => dir.remove())
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex')

describe('backup and restore', () => {
  it('round-trips: a backup taken while the room runs restores every release', async () => {
    const live = join(dir.path, 'warroom.sqlite')
    const room = openWarRoom({ dbPath: live })
    room.dispatch('releases.create', releaseInput({ title: 'Before the backup' }))
    const backup = await backupTo(room.db, join(dir.path, 'backups', 'b1.sqlite'), Date.now())
    room.dispatch('releases.create', releaseInput({ title: 'After the backup' }))
    room.close()

    expect(validateBackup(backup.file)).toMatchObject({ releases: 1 })
    const { keptAs } = restoreBackup(live, backup.file, Date.parse('2026-01-20T10:00:00Z'))
    expect(keptAs).toMatch(/before-restore-2026-01-20T10-00-00-000Z$/)

    const restored = openWarRoom({ dbPath: live })
    const list = restored.dispatch('releases.list', {})
    expect(list.ok && (list.value as { title: string }[]).map((r) => r.title)).toEqual(['Before the backup'])
    restored.close()
    const kept = new Database(keptAs, { readonly: true })
    expect(kept.prepare('SELECT count(*) AS n FROM releases').get()).toEqual({ n: 2 })
    kept.close()
  })

  it('refuses a corrupt backup and leaves the live database untouched', () => {
    const live = join(dir.path, 'warroom.sqlite')
    const room = openWarRoom({ dbPath: live })
    room.dispatch('releases.create', releaseInput())
    room.close()
    const before = sha(live)

    const corrupt = join(dir.path, 'corrupt.sqlite')
    writeFileSync(corrupt, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 7)]))
    expect(() => restoreBackup(live, corrupt, Date.now())).toThrow(BackupRefusedError)
    expect(() => restoreBackup(live, corrupt, Date.now())).toThrow(/cannot be restored.*live database was not touched/)
    expect(sha(live)).toBe(before)
    expect(readdirSync(dir.path).filter((f) => f.includes('before-restore'))).toEqual([])
  })

  it('refuses a database that is not the war room’s, or from a newer app', () => {
    const other = join(dir.path, 'other.sqlite')
    const db = new Database(other)
    db.exec('CREATE TABLE notes (x)')
    db.close()
    expect(() => validateBackup(other)).toThrow(/not a Release War Room database/)
    const newer = new Database(other)
    newer.pragma('user_version = 999')
    newer.close()
    expect(() => validateBackup(other)).toThrow(/newer app/)
  })

  it('keeps one automatic backup a day, and only the newest few', async () => {
    const room = openWarRoom({ dbPath: join(dir.path, 'warroom.sqlite') })
    const folder = join(dir.path, 'backups')
    const day = 86_400_000
    const t0 = Date.parse('2026-01-01T09:00:00Z')
    for (let i = 0; i < 5; i++) await dailyBackup(room.db, folder, t0 + i * day, 3)
    expect(await dailyBackup(room.db, folder, t0 + 4 * day + 3_600_000, 3)).toBeUndefined()
    expect(readdirSync(folder).sort()).toEqual(['warroom-2026-01-03.sqlite', 'warroom-2026-01-04.sqlite', 'warroom-2026-01-05.sqlite'])
    room.close()
  })
})

describe('backups through the API', () => {
  it('takes a backup on request and lists it; observers may not', () => {
    const room = openWarRoom({ dbPath: join(dir.path, 'warroom.sqlite') })
    room.dispatch('releases.create', releaseInput())
    const made = room.dispatch('backups.create', { actor: { name: 'Dana Okafor', role: 'devops-lead' } })
    expect(made.ok).toBe(true)
    const file = made.ok ? (made.value as { file: string }).file : ''
    expect(validateBackup(file)).toMatchObject({ releases: 1 })
    expect(room.dispatch('backups.list', {})).toMatchObject({ ok: true, value: [{ file }] })
    expect(room.dispatch('backups.create', { actor: { name: 'Obi', role: 'observer' } })).toMatchObject({ ok: false, error: { code: 'rule_violation' } })
    room.close()
  })
})
