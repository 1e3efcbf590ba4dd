import type { DomainEvent } from '../../../shared/events'
import type { Release } from '../../../shared/release'

/** Newest first, the order the table opens in and the host lists in. */
export function byNewest(a: Release, b: Release): number {
  return b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id)
}

/**
 * Folds one event into the list a client holds. Idempotent: an event that arrives after a refetch already brought
 * the same release in replaces it rather than adding a second row.
 */
export function applyReleaseEvent(releases: readonly Release[], event: DomainEvent): readonly Release[] {
  switch (event.type) {
    case 'release.created':
    case 'release.updated': {
      const rest = releases.filter((r) => r.id !== event.release.id)
      return [...rest, event.release].sort(byNewest)
    }
    default:
      return releases
  }
}
