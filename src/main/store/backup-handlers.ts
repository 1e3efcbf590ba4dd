import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Handler } from '../api/handlers'
import { RuleViolation } from '../api/domain-error'
import { refuseObserver } from '../runbook/release-rules'
import type { Db } from './database'

/** Backups live in a `backups` folder beside the database file. */
export function backupFolder(db: Db): string {
  return join(dirname(db.name), 'backups')
}

/**
 * VACUUM INTO writes a compact, consistent copy in one statement. It holds the main process for as long as the copy
 * takes, which for a war room's database is well under a second; the daily backups use the online backup API.
 */
const create: Handler<'backups.create'> = (input, ctx) => {
  const refused = refuseObserver(input.actor, 'take backups')
  if (refused) throw new RuleViolation(refused)
  const at = new Date(ctx.clock.now())
  const file = join(backupFolder(ctx.db), `warroom-manual-${at.toISOString().replace(/[:.]/g, '-')}.sqlite`)
  if (existsSync(file)) throw new RuleViolation('A backup was taken this very millisecond; try again.')
  mkdirSync(dirname(file), { recursive: true })
  ctx.db.prepare('VACUUM INTO ?').run(file)
  return { file, bytes: statSync(file).size, at: at.toISOString() }
}

const list: Handler<'backups.list'> = (_input, ctx) => {
  const folder = backupFolder(ctx.db)
  if (!existsSync(folder)) return []
  return readdirSync(folder)
    .filter((f) => f.endsWith('.sqlite'))
    .map((f) => {
      const s = statSync(join(folder, f))
      return { file: join(folder, f), bytes: s.size, at: s.mtime.toISOString() }
    })
    .sort((a, b) => b.at.localeCompare(a.at))
}

export const backupHandlers = { 'backups.create': create, 'backups.list': list }
