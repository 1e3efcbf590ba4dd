import type { HandlerContext } from '../api/handler-context'
import { readRoom } from '../runbook/room-state'
import { verifyChain } from '../timeline/timeline-chain'
import { CHART_MAX_POINTS } from './svg-line-chart'
import { actualWindow } from './actual-window'
import type { ReportRecord } from './report-builder'

/**
 * Reads everything a report needs in one go, inside the caller's read. The charts span the release's life up to its
 * end (or now); the metrics table reads the signals over the actual production window only.
 */
export function readReportRecord(ctx: HandlerContext, releaseId: string): ReportRecord {
  const room = readRoom(ctx, releaseId)
  const timeline = ctx.timeline.all(releaseId)
  const now = ctx.clock.now()
  const window = actualWindow(timeline, room.rollout.state)
  const from = Date.parse(room.release.createdAt)
  const to = Math.max(from + 1, now)
  const windowFrom = window.start === null ? null : Date.parse(window.start)
  const windowTo = window.end === null ? now : Date.parse(window.end)
  const empty = { count: 0, min: null, max: null, mean: null, last: null }
  const series = room.signals.map((s) => {
    const sid = ctx.signals.get(s.id)?.sid
    if (sid === undefined) return { signalId: s.id, stats: empty, window: empty, points: [] }
    return {
      signalId: s.id,
      stats: ctx.signalStats.stats(sid, from, to),
      window: windowFrom === null ? empty : ctx.signalStats.stats(sid, windowFrom, windowTo),
      points: ctx.samples.range(sid, from, to, CHART_MAX_POINTS).points
    }
  })
  return { room, timeline, chain: verifyChain(timeline), series, settings: ctx.reports.settings(releaseId).settings, range: { from, to }, now }
}
