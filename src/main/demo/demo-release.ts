import type { WarRoom } from '../war-room'
import type { Clock } from '../clock'
import type { Release } from '../../shared/release'
import { DEMO_PLACEHOLDER_ORIGIN, demoSignals } from './demo-signals'

const HOUR = 3_600_000
const DEMO_ACTOR = { name: 'War Room demo', role: 'devops-lead' } as const

/**
 * The release a first launch opens on, created through the same dispatch a person would use, so the demo exercises
 * the real path. Its window starts now and runs two hours, like a typical canary window. It watches the demo metrics
 * endpoint through ordinary signals, added with `signals.add`; they are stored against a placeholder origin and
 * re-pointed at the endpoint when it starts (`demo-endpoint.ts`), since its port is chosen per run.
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
    actor: DEMO_ACTOR
  })
  if (!outcome.ok) throw new Error(`Could not create the demo release: ${outcome.error.message}`)
  const release = outcome.value as Release
  room.transact((ctx) => ctx.demo.insert(release.id, DEMO_PLACEHOLDER_ORIGIN))
  for (const signal of demoSignals(DEMO_PLACEHOLDER_ORIGIN)) {
    const added = room.dispatch('signals.add', { releaseId: release.id, signal, actor: DEMO_ACTOR })
    if (!added.ok) throw new Error(`Could not add the demo signal "${signal.name}": ${added.error.message}`)
  }
}
