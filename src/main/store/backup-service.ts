import type { WarRoom } from '../war-room'
import { dailyBackup } from './backup'
import { backupFolder } from './backup-handlers'

const HOUR = 3_600_000

/** Checks hourly whether today's automatic backup exists, takes it if not, and keeps the newest `keep`. */
export function startBackupService(room: WarRoom, keep = 7): void {
  let running = false
  const tick = () => {
    if (running) return
    running = true
    dailyBackup(room.db, backupFolder(room.db), room.clock.now(), keep)
      .catch((e) => console.error('The daily backup failed; the room keeps running.', e))
      .finally(() => (running = false))
  }
  const first = setTimeout(tick, 5_000)
  const timer = setInterval(tick, HOUR)
  first.unref()
  timer.unref()
  room.onClose(() => {
    clearTimeout(first)
    clearInterval(timer)
  })
}
