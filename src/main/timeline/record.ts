import type { HandlerContext } from '../api/handler-context'
import type { TimelineEntry } from '../../shared/timeline'
import type { NewTimelineEntry } from './timeline-store'

/**
 * Writes one thing that happened to the release's timeline, in the caller's transaction, and queues the event
 * every client refetches on. Every change to a room goes through here, which is what makes the timeline complete.
 */
export function record(ctx: HandlerContext, entry: Omit<NewTimelineEntry, 'at'>): TimelineEntry {
  const at = new Date(ctx.clock.now()).toISOString()
  const written = ctx.timeline.append({ ...entry, at })
  ctx.releases.touch(entry.releaseId, at)
  ctx.emit({ type: 'timeline.appended', entry: written })
  return written
}

export function nowIso(ctx: Pick<HandlerContext, 'clock'>): string {
  return new Date(ctx.clock.now()).toISOString()
}
