import type { WarRoom } from '../war-room'
import type { Clock } from '../clock'

const HOUR = 3_600_000

/**
 * The release a first launch opens on, created through the same dispatch a person would use, so the demo exercises
 * the real path. Its window starts now and runs two hours, like a typical canary window.
 */
export function seedDemoRelease(room: WarRoom, clock: Clock): void {
  const now = clock.now()
  const outcome = room.dispatch('releases.create', {
    title: 'Checkout 2.5.0: faster search and dark mode',
    service: 'checkout',
    version: '2.5.0',
    strategy: 'canary',
    owner: 'Dana Okafor',
    environment: 'production',
    windowStart: new Date(now).toISOString(),
    windowEnd: new Date(now + 2 * HOUR).toISOString(),
    actor: { name: 'War Room demo', role: 'devops-lead' }
  })
  if (!outcome.ok) throw new Error(`Could not create the demo release: ${outcome.error.message}`)
}
