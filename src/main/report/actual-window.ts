import type { TimelineEntry } from '../../shared/timeline'
import type { RolloutState } from '../../shared/rollout'

export interface ActualWindow {
  start: string | null
  end: string | null
  endedAs: string | null
}

const LEAVES_PRODUCTION = ['validating', 'closed', 'rolled-back', 'aborted']

/** The only timeline entries the window is read from, so a caller that wants just the window can fetch just these. */
export const WINDOW_KINDS = ['release.stage-changed', 'release.rolled-back', 'release.aborted'] as const

/**
 * The window as it happened: from entering production to leaving it (validating, closed, rolled back or aborted), read
 * from the timeline, which records each move in the transaction that made it. A release whose timeline lacks the
 * moves (an old or partial record) falls back to the rollout's own start and end.
 */
export function actualWindow(timeline: readonly TimelineEntry[], rollout: RolloutState): ActualWindow {
  let start: string | null = null
  for (const e of timeline) {
    const to = typeof e.data.to === 'string' ? e.data.to : null
    if (start === null) {
      if (e.kind === 'release.stage-changed' && to === 'production') start = e.at
      continue
    }
    if (e.kind === 'release.stage-changed' && to && LEAVES_PRODUCTION.includes(to)) return { start, end: e.at, endedAs: to }
    if (e.kind === 'release.rolled-back') return { start, end: e.at, endedAs: 'rolled-back' }
    if (e.kind === 'release.aborted') return { start, end: e.at, endedAs: 'aborted' }
  }
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString())
  if (start !== null) return { start, end: null, endedAs: null }
  return { start: iso(rollout.startedAt), end: iso(rollout.rolledBackAt ?? rollout.endedAt), endedAs: rollout.endedAt === null ? null : rollout.status }
}
