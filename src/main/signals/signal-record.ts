import type { HandlerContext } from '../api/handler-context'
import type { Actor } from '../../shared/roles'
import type { SignalDefinition } from '../../shared/signal'
import type { TimelineEntry, TimelineKind } from '../../shared/timeline'
import { record } from '../timeline/record'

/** The timeline kinds live health writes. */
export type SignalTimelineKind = Extract<TimelineKind, `signal.${string}` | 'demo.control'>

export function recordSignal(
  ctx: HandlerContext,
  entry: { releaseId: string; kind: SignalTimelineKind; actor: Actor | null; summary: string; data?: Record<string, unknown> }
): TimelineEntry {
  return record(ctx, entry)
}

/** Four significant digits, the unit after: "0.1 %", "200 ms", "99.9 %". */
export function formatValue(v: number, unit: string): string {
  const shown = !Number.isFinite(v) || v === 0 ? String(v) : String(Number(v.toPrecision(4)))
  if (!unit) return shown
  return unit === '%' ? `${shown} %` : `${shown} ${unit}`
}

/** "scrape http://…/metrics" — where a signal reads, without anything secret (credentials are only env names). */
export function describeSource(d: SignalDefinition): string {
  const s = d.source
  switch (s.kind) {
    case 'prometheus':
      return `Prometheus ${s.url}: ${s.query}`
    case 'scrape':
      return `scrape ${s.url} ${s.metric}`
    case 'json':
      return `JSON ${s.url} at ${s.path}`
    case 'probe':
      return `probe ${s.url}`
  }
}

export function describeThresholds(d: SignalDefinition): string {
  const { direction, warn, critical } = d.thresholds
  const side = direction === 'above' ? '≥' : '≤'
  const parts = []
  if (warn !== undefined) parts.push(`warn ${side} ${formatValue(warn, d.unit)}`)
  if (critical !== undefined) parts.push(`critical ${side} ${formatValue(critical, d.unit)}`)
  return parts.length ? parts.join(', ') : 'no thresholds'
}
