import type { SignalDefinition, SignalState } from '../../../shared/signal'
import type { CanaryPairView, SignalView } from '../../../shared/room-signals'
import type { Vote } from '../../../shared/runbook'

export const RANGES = [
  { key: '15m', label: '15 min', ms: 15 * 60_000 },
  { key: '1h', label: '1 h', ms: 3_600_000 },
  { key: '6h', label: '6 h', ms: 6 * 3_600_000 },
  { key: 'all', label: 'Whole window', ms: 0 }
] as const
export type RangeKey = (typeof RANGES)[number]['key']

/** The chart's time span: a fixed look-back, or the release's whole window (from its start, or its creation). */
export function rangeBounds(range: RangeKey, now: number, release: { windowStart: string | null; createdAt: string }): { from: number; to: number } {
  const spec = RANGES.find((r) => r.key === range) ?? RANGES[0]
  if (spec.ms > 0) return { from: now - spec.ms, to: now }
  const starts = [release.windowStart, release.createdAt].filter((s): s is string => !!s).map((s) => Date.parse(s))
  const from = Math.min(...starts, now - 15 * 60_000)
  return { from, to: now }
}

export const STATE_LABELS: Record<SignalState, string> = { ok: 'OK', warn: 'WARN', critical: 'CRITICAL', stale: 'STALE', error: 'ERROR' }

/** Four significant digits and the unit: "0.012 %", "184 ms", "99.9 %". */
export function formatValue(v: number | undefined, unit: string): string {
  if (v === undefined || Number.isNaN(v)) return '—'
  const shown = v === 0 || !Number.isFinite(v) ? String(v) : Math.abs(v) >= 1000 ? String(Math.round(v)) : String(Number(v.toPrecision(3)))
  if (!unit) return shown
  return unit === '%' ? `${shown} %` : `${shown} ${unit}`
}

export interface ThresholdLine {
  level: 'warn' | 'critical'
  value: number
}

export function thresholdLines(d: Pick<SignalDefinition, 'thresholds'>): ThresholdLine[] {
  const lines: ThresholdLine[] = []
  if (d.thresholds.warn !== undefined) lines.push({ level: 'warn', value: d.thresholds.warn })
  if (d.thresholds.critical !== undefined) lines.push({ level: 'critical', value: d.thresholds.critical })
  return lines
}

/** "critical ≥ 0.1 %, warn ≥ 0.05 %" for the panel's subtitle. */
export function describeThresholds(d: Pick<SignalDefinition, 'thresholds' | 'unit'>): string {
  const side = d.thresholds.direction === 'above' ? '≥' : '≤'
  return thresholdLines(d)
    .reverse()
    .map((l) => `${l.level} ${side} ${formatValue(l.value, d.unit)}`)
    .join(' · ')
}

/**
 * The y range a panel needs so its threshold lines are always on screen: a signal far inside its targets would
 * otherwise fill the panel with noise and hide how far it is from the line.
 */
export function suggestedY(d: Pick<SignalDefinition, 'thresholds'>): { min?: number; max?: number } {
  const values = thresholdLines(d).map((l) => l.value)
  if (values.length === 0) return {}
  if (d.thresholds.direction === 'above') return { min: 0, max: Math.max(...values) * 1.3 }
  const low = Math.min(...values)
  return { min: low - Math.abs(low) * 0.02 }
}

export interface ChartMarker {
  t: number
  kind: 'vote' | 'step'
  label: string
}

/** Where votes were cast (from the room's votes) and, when the room has a rollout, where each step started. */
export function chartMarkers(votes: readonly Vote[], rolloutPart?: unknown): ChartMarker[] {
  const markers: ChartMarker[] = votes.map((v) => ({
    t: Date.parse(v.at),
    kind: 'vote' as const,
    label: `${v.actor.name}: ${v.verdict} on ${v.gate}`
  }))
  const steps = (rolloutPart as { rollout?: { state?: { steps?: unknown } } } | undefined)?.rollout?.state?.steps
  if (Array.isArray(steps)) {
    for (const s of steps as { startedAt?: unknown; label?: unknown }[]) {
      if (typeof s.startedAt === 'number') markers.push({ t: s.startedAt, kind: 'step', label: typeof s.label === 'string' ? s.label : 'step' })
    }
  }
  return markers.filter((m) => Number.isFinite(m.t)).sort((a, b) => a.t - b.t)
}

/**
 * How the health section lays signals out: each canary with its baseline and their analysis side by side, then the
 * signals that have no pair.
 */
export function layoutSignals(signals: readonly SignalView[], canary: readonly CanaryPairView[]) {
  const paired = new Set<string>()
  const pairs = canary.flatMap((c) => {
    const a = signals.find((s) => s.id === c.canary.signalId)
    const b = signals.find((s) => s.id === c.baseline.signalId)
    if (!a || !b) return []
    paired.add(a.id)
    paired.add(b.id)
    return [{ analysis: c, canary: a, baseline: b }]
  })
  return { pairs, singles: signals.filter((s) => !paired.has(s.id)) }
}

/** The SVG polyline of a sparkline, scaled to the box, with the critical line's y when it falls inside. */
export function sparkline(
  points: readonly { x: number; y: number }[],
  box: { width: number; height: number },
  d?: Pick<SignalDefinition, 'thresholds'>
): { path: string; critical?: number } {
  if (points.length === 0) return { path: '' }
  const step = Math.max(1, Math.ceil(points.length / box.width))
  const shown = points.filter((_, i) => i % step === 0 || i === points.length - 1)
  const xs = shown.map((p) => p.x)
  let ys = shown.map((p) => p.y)
  const crit = d?.thresholds.critical
  if (crit !== undefined) ys = [...ys, crit]
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)]
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)]
  const sx = (x: number) => (x1 === x0 ? box.width : ((x - x0) / (x1 - x0)) * box.width)
  const sy = (y: number) => (y1 === y0 ? box.height / 2 : box.height - 1 - ((y - y0) / (y1 - y0)) * (box.height - 2))
  const path = shown.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ')
  return crit === undefined ? { path } : { path, critical: sy(crit) }
}

/** "p = 0.003 · U = 1412 · shift +0.8 ms (95 % CI 0.4 to 1.3) · n 60 / 60" */
export function canaryNumbers(c: CanaryPairView): string[] {
  const fmt = (v: number) => formatValue(v, c.unit)
  const signed = (v: number) => (v > 0 ? `+${fmt(v)}` : fmt(v))
  const parts = [`n ${c.canary.n} canary / ${c.baseline.n} baseline`]
  if (c.u !== null) parts.push(`U = ${Number(c.u.toFixed(1))}`)
  if (c.p !== null) parts.push(`p = ${c.p < 0.001 ? c.p.toExponential(1) : c.p.toFixed(3)} (α ${c.alpha})`)
  if (c.shift) {
    const ci = c.shift.low !== null && c.shift.high !== null ? ` (${Math.round(c.shift.confidence * 100)} % CI ${fmt(c.shift.low)} to ${fmt(c.shift.high)})` : ''
    parts.push(`shift ${signed(c.shift.estimate)}${ci}`)
  }
  return parts
}

export const VERDICT_LABELS: Record<CanaryPairView['verdict'], string> = {
  pass: 'No difference',
  worse: 'Canary worse',
  better: 'Canary better',
  'not-enough-data': 'Not enough data'
}
