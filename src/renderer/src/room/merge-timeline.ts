import type { TimelineEntry } from '../../../shared/timeline'

/** Newest first, no duplicates: an entry can arrive both from the stream and from a refetch. */
export function mergeTimeline(entries: readonly TimelineEntry[], incoming: readonly TimelineEntry[]): TimelineEntry[] {
  const byId = new Map(entries.map((e) => [e.id, e]))
  for (const e of incoming) byId.set(e.id, e)
  return [...byId.values()].sort((a, b) => b.seq - a.seq)
}
