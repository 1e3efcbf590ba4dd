import { join } from 'node:path'
import { openWarRoom, type WarRoom } from '../src/main/war-room'
import type { Clock } from '../src/main/clock'
import { releaseInput } from '../test/support/fixtures'

/** A war room on a real file with one release watching `count` JSON signals at 1 s, all at `urlOf(i)`. */
export function roomWithSignals(dir: string, count: number, urlOf: (i: number) => string, clock?: Clock): WarRoom {
  const room = openWarRoom({ dbPath: join(dir, 'warroom.sqlite'), ...(clock ? { clock } : {}) })
  const created = room.dispatch('releases.create', releaseInput())
  if (!created.ok) throw new Error(created.error.message)
  const releaseId = (created.value as { id: string }).id
  for (let i = 0; i < count; i++) {
    const out = room.dispatch('signals.add', {
      releaseId,
      signal: {
        name: `signal ${i}`,
        unit: '',
        source: { kind: 'json', url: urlOf(i), path: 'value' },
        intervalMs: 1000,
        timeoutMs: 900,
        thresholds: { direction: 'above', warn: 1e9, critical: 2e9 },
        severity: 'medium'
      },
      actor: { name: 'Dana Okafor', role: 'devops-lead' }
    })
    if (!out.ok) throw new Error(out.error.message)
  }
  return room
}
