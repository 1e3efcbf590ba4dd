import type { AvailabilityOf } from '../history/availability-source'
import { readRolloutPart } from '../rollout/rollout-room'
import { actualWindow, WINDOW_KINDS } from './actual-window'
import { guessSignal } from './metric-signal-guess'

/**
 * A release's availability as its report's deployment metrics table records it, so the error budget and the report
 * never disagree: the actual entered by hand, else the mean of the chosen (or best-guess) signal over the production
 * window. Null when the release never reached production or nothing measured it.
 */
export const reportAvailability: AvailabilityOf = (ctx, releaseId) => {
  // The error budget asks this of every release of a service: read only the stage moves, not the whole timeline.
  const moves = ctx.timeline.list({ releaseId, kinds: WINDOW_KINDS, limit: -1 }).reverse()
  const window = actualWindow(moves, readRolloutPart(ctx, releaseId).rollout.state)
  if (window.start === null) return null
  const span = { from: Date.parse(window.start), to: window.end === null ? ctx.clock.now() : Date.parse(window.end) }
  if (span.to <= span.from) return null

  const settings = ctx.reports.settings(releaseId).settings
  const manual = settings.manual.availability
  if (manual !== undefined) return { value: manual, window: span }

  const signals = ctx.signals.list(releaseId)
  const guessable = signals.map((s) => ({ id: s.id, name: s.definition.name, unit: s.definition.unit, role: s.definition.role }))
  const chosenId = settings.signals.availability ?? guessSignal('availability', guessable)?.id
  const signal = signals.find((s) => s.id === chosenId)
  if (!signal) return null
  const stats = ctx.signalStats.stats(signal.sid, span.from, span.to)
  return stats.count && stats.mean !== null ? { value: stats.mean, window: span } : null
}
