import { join } from 'node:path'
import { manualClock } from '../../src/main/clock'
import { openWarRoom, type WarRoom } from '../../src/main/war-room'
import { tempDir } from './temp-dir'

/** A war room over a real SQLite file in a fresh folder, with a clock the test moves. */
export function testRoom(): { room: WarRoom; clock: ReturnType<typeof manualClock>; dbPath: string; dispose(): void } {
  const dir = tempDir()
  const clock = manualClock()
  const dbPath = join(dir.path, 'warroom.sqlite')
  const room = openWarRoom({ dbPath, clock })
  return {
    room,
    clock,
    dbPath,
    dispose() {
      room.close()
      dir.remove()
    }
  }
}

export function countRows(room: WarRoom, table: string): number {
  return (room.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
}
