import type { TimelineEntry } from '../../shared/timeline'
import type { Comparator } from '../../shared/review'

/**
 * The validation window a signal is read over: from entering validating, for the link's period, cut short if the
 * release leaves validating first (closed, rolled back or aborted). Chosen over "when the release leaves validating"
 * so the reading is known while the release is still validating: the playbook holds the review after the validation
 * period, and the review and the closure gate should see the outcome, not learn it after closing.
 */
export interface ValidationWindow {
  from: number
  to: number
  /** The window is over: its period has passed or the release has left validating. */
  ended: boolean
  /** The release left validating before the period was over. */
  cutShort: boolean
}

const LEAVES = new Set(['release.aborted', 'release.rolled-back'])

export function validationWindow(timeline: readonly TimelineEntry[], windowMinutes: number, now: number): ValidationWindow | null {
  const entered = timeline.find((e) => e.kind === 'release.stage-changed' && e.data.to === 'validating')
  if (!entered) return null
  const from = Date.parse(entered.at)
  const planned = from + windowMinutes * 60_000
  const left = timeline.find((e) => e.seq > entered.seq && ((e.kind === 'release.stage-changed' && e.data.from === 'validating') || LEAVES.has(e.kind)))
  const leftAt = left ? Date.parse(left.at) : null
  if (leftAt !== null && leftAt < planned) return { from, to: leftAt, ended: true, cutShort: true }
  return { from, to: planned, ended: now >= planned, cutShort: false }
}

export function compare(measured: number, comparator: Comparator, value: number): boolean {
  switch (comparator) {
    case '<':
      return measured < value
    case '<=':
      return measured <= value
    case '>':
      return measured > value
    case '>=':
      return measured >= value
  }
}

/** A reading as a person writes it: no float noise, the unit after. */
export function formatReading(v: number, unit: string): string {
  const abs = Math.abs(v)
  const text = abs !== 0 && (abs < 0.001 || abs >= 1e9) ? v.toExponential(3) : String(Number(v.toPrecision(4)))
  if (!unit) return text
  return unit === '%' ? `${text}%` : `${text} ${unit}`
}
