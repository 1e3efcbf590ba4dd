import type { HandlerContext } from '../api/handler-context'
import type { TimelineEntry } from '../../shared/timeline'
import { formatDuration } from '../rollout/duration-text'
import { record } from '../timeline/record'
import type { StoredLink } from './outcome-signal-store'
import { compare, formatReading, validationWindow, type ValidationWindow } from './signal-outcome'

const STAGE_KINDS = ['release.stage-changed', 'release.aborted', 'release.rolled-back']

/** The entries that bound a validation window, oldest first: a handful, read without walking the whole timeline. */
export function stageEntries(ctx: Pick<HandlerContext, 'timeline'>, releaseId: string): TimelineEntry[] {
  return ctx.timeline.list({ releaseId, kinds: STAGE_KINDS, limit: 100 }).reverse()
}

export function windowOf(ctx: Pick<HandlerContext, 'timeline'>, link: StoredLink, now: number): ValidationWindow | null {
  return validationWindow(stageEntries(ctx, link.releaseId), link.windowMinutes, now)
}

/**
 * Reads one linked criterion whose validation window has ended: the mean of its signal's samples over the window,
 * compared with the link's value, recorded as the outcome unless a person recorded one first. Runs in the caller's
 * transaction; returns false when the window has not ended yet.
 */
export function settleLink(ctx: HandlerContext, link: StoredLink, now: number): boolean {
  const release = ctx.releases.get(link.releaseId)
  const criterion = release?.successCriteria[link.criterion]
  if (!release || !criterion) return false
  const window = windowOf(ctx, link, now)
  if (!window?.ended) return false
  const at = new Date(now).toISOString()
  const outcome = ctx.closure.outcomes(release.id, release.successCriteria)[link.criterion]
  if (outcome && outcome.result !== 'not measured') {
    ctx.outcomeSignals.settle(release.id, link.criterion, 'by-person', at)
    return true
  }
  const signal = ctx.signals.get(link.signalId)
  const span = `${new Date(window.from).toISOString()} to ${new Date(window.to).toISOString()}`
  const reading = signal ? ctx.samples.mean(signal.sid, window.from, window.to) : null
  if (!signal || !reading) {
    ctx.outcomeSignals.settle(release.id, link.criterion, 'no-data', at)
    const why = signal ? `${signal.definition.name} has no samples from ${span}` : 'its signal was removed'
    record(ctx, {
      releaseId: release.id,
      kind: 'outcome.unmeasured',
      actor: null,
      summary: `"${criterion.description}" could not be read at the end of validation: ${why}. Record it by hand.`,
      data: { criterion: link.criterion, signalId: link.signalId, from: window.from, to: window.to }
    })
    return true
  }
  const unit = signal.definition.unit
  const met = compare(reading.mean, link.comparator, link.value)
  const result = met ? 'met' : 'missed'
  const measured = `mean ${formatReading(reading.mean, unit)} (${link.comparator} ${formatReading(link.value, unit)})`
  const note = `Read from ${signal.definition.name}: ${reading.n} samples over ${formatDuration(window.to - window.from)} of validation${window.cutShort ? ', cut short when the release left validating' : ''}.`
  ctx.closure.record({ releaseId: release.id, criterion: link.criterion, result, measured, note, actor: { name: signal.definition.name, role: 'signal' }, at })
  ctx.outcomeSignals.settle(release.id, link.criterion, result, at)
  record(ctx, {
    releaseId: release.id,
    kind: 'outcome.recorded',
    actor: null,
    summary: `"${criterion.description}" ${result}: ${measured}, read from ${signal.definition.name} over validation${criterion.target ? ` (target ${criterion.target})` : ''}`,
    data: { criterion: link.criterion, result, measured, note, source: 'signal', signalId: signal.id, mean: reading.mean, samples: reading.n, from: window.from, to: window.to }
  })
  return true
}

/** Settles every linked criterion whose window has ended, in the caller's transaction. Returns how many it settled. */
export function settleSignalOutcomes(ctx: HandlerContext, now: number): number {
  let settled = 0
  for (const link of ctx.outcomeSignals.unsettled()) if (settleLink(ctx, link, now)) settled++
  return settled
}

/** When the earliest unsettled window ends, for the service's timer; null when none is running. */
export function nextWindowEnd(ctx: HandlerContext, now: number): number | null {
  let next: number | null = null
  for (const link of ctx.outcomeSignals.unsettled()) {
    const w = windowOf(ctx, link, now)
    if (w && (next === null || w.to < next)) next = w.to
  }
  return next
}
