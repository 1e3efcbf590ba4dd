import type { Release } from '../../../shared/release'
import { STRATEGY_LABELS } from '../../../shared/release'

/**
 * The table's search box: every word must appear somewhere in the release's title, service, version, owner,
 * strategy, status or environment, so "checkout canary" narrows rather than widens.
 */
export function releaseMatches(release: Release, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const haystack = [
    release.title,
    release.service,
    release.version,
    release.owner,
    release.strategy,
    STRATEGY_LABELS[release.strategy],
    release.status,
    release.environment
  ]
    .join(' ')
    .toLowerCase()
  return words.every((w) => haystack.includes(w))
}
