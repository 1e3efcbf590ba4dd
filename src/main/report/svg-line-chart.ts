import type { Sample } from '../../shared/signal'
import { formatValue, withUnit } from '../../shared/report-format'
import { downsample } from './downsample'

export interface LineChartInput {
  title: string
  unit: string
  points: readonly Sample[]
  /** The time axis; defaults to the points' own span. */
  from?: number
  to?: number
  thresholds?: { label: string; value: number; kind: 'warn' | 'critical' }[]
}

export const CHART_MAX_POINTS = 400
const WIDTH = 640
const HEIGHT = 220
const PAD = { left: 64, right: 16, top: 34, bottom: 30 }
// Its own light paper, so the same picture reads in the dark view, in a Markdown viewer and on A4.
const COLOURS = { paper: '#f8f9fb', frame: '#c9ced6', grid: '#e3e6eb', text: '#2b2f36', muted: '#5b6370', line: '#1f5fbf', warn: '#b26b00', critical: '#c2281d' }

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c)
}

/** Three to six round values covering [lo, hi]: 0, 50, 100, 150. */
export function niceTicks(lo: number, hi: number): number[] {
  const span = hi - lo || Math.abs(hi) || 1
  const raw = span / 4
  const mag = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => span / s <= 5) ?? 10 * mag
  const ticks: number[] = []
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)))
  return ticks
}

/** Minutes on the time axis, seconds too when the whole span is under ten minutes (the labels would repeat). */
function clock(t: number, span: number): string {
  return new Date(t).toISOString().slice(11, span < 10 * 60_000 ? 19 : 16)
}

function yRange(points: readonly Sample[], thresholds: readonly { value: number }[]): [number, number] {
  const values = [...points.map((p) => p.v), ...thresholds.map((t) => t.value)]
  if (values.length === 0) return [0, 1]
  let lo = Math.min(...values)
  let hi = Math.max(...values)
  if (lo === hi) {
    lo -= Math.abs(lo) * 0.1 || 1
    hi += Math.abs(hi) * 0.1 || 1
  }
  const pad = (hi - lo) * 0.08
  return [lo >= 0 && lo - pad < 0 ? 0 : lo - pad, hi + pad]
}

/**
 * A small, self-contained SVG line chart: the signal's name as its title, value and time axes, the warn and critical
 * lines, and at most CHART_MAX_POINTS points. Pure text, so main renders it once for the view, the Markdown and the PDF.
 */
export function lineChartSvg(input: LineChartInput): string {
  const points = downsample(input.points, CHART_MAX_POINTS)
  const thresholds = input.thresholds ?? []
  const from = input.from ?? points[0]?.t ?? 0
  const to = Math.max(input.to ?? points[points.length - 1]?.t ?? from + 1, from + 1)
  const [lo, hi] = yRange(points, thresholds)
  const plotW = WIDTH - PAD.left - PAD.right
  const plotH = HEIGHT - PAD.top - PAD.bottom
  const x = (t: number) => PAD.left + ((t - from) / (to - from)) * plotW
  const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * plotH
  const r = (n: number) => n.toFixed(1)
  const title = input.unit ? `${input.title} (${input.unit})` : input.title
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeXml(title)}" font-family="Helvetica, Arial, sans-serif">`,
    `<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" rx="6" fill="${COLOURS.paper}"/>`,
    `<text x="${PAD.left}" y="21" font-size="15" font-weight="bold" fill="${COLOURS.text}">${escapeXml(title)}</text>`
  ]
  for (const v of niceTicks(lo, hi)) {
    if (v < lo || v > hi) continue
    out.push(`<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${r(y(v))}" y2="${r(y(v))}" stroke="${COLOURS.grid}" stroke-width="1"/>`)
    out.push(`<text x="${PAD.left - 6}" y="${r(y(v) + 4)}" font-size="12" text-anchor="end" fill="${COLOURS.muted}">${escapeXml(formatValue(v))}</text>`)
  }
  const mid = from + (to - from) / 2
  for (const [t, anchor] of [[from, 'start'], [mid, 'middle'], [to, 'end']] as const) {
    out.push(`<text x="${r(x(t))}" y="${HEIGHT - 10}" font-size="12" text-anchor="${anchor}" fill="${COLOURS.muted}">${clock(t, to - from)}</text>`)
  }
  out.push(`<text x="${WIDTH - PAD.right}" y="20" font-size="11" text-anchor="end" fill="${COLOURS.muted}">UTC</text>`)
  for (const t of thresholds) {
    out.push(`<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${r(y(t.value))}" y2="${r(y(t.value))}" stroke="${COLOURS[t.kind]}" stroke-width="1.5" stroke-dasharray="6 4"/>`)
  }
  if (points.length === 0) {
    out.push(`<text x="${PAD.left + plotW / 2}" y="${PAD.top + plotH / 2}" font-size="13" text-anchor="middle" fill="${COLOURS.muted}">No readings</text>`)
  } else {
    const path = points.map((p, i) => `${i ? 'L' : 'M'}${r(x(p.t))} ${r(y(p.v))}`).join(' ')
    out.push(`<path d="${path}" fill="none" stroke="${COLOURS.line}" stroke-width="2" stroke-linejoin="round"/>`)
  }
  // Labels last, each on a patch of paper, so the series never runs through their text.
  for (const t of thresholds) {
    // Above its line, unless the line runs along the top of the plot, where the label would cross the frame.
    const labelY = y(t.value) - PAD.top < 16 ? y(t.value) + 14 : y(t.value) - 5
    const text = `${t.label} ${withUnit(t.value, input.unit)}`
    // A text stroke would make the halo, but PDF readers then extract the label twice; a sized box does not.
    const boxW = text.length * 6.8 + 6
    out.push(`<rect x="${r(WIDTH - PAD.right - 1 - boxW)}" y="${r(labelY - 11)}" width="${r(boxW)}" height="14" fill="${COLOURS.paper}" fill-opacity="0.9"/>`)
    out.push(`<text x="${WIDTH - PAD.right - 4}" y="${r(labelY)}" font-size="12" text-anchor="end" fill="${COLOURS[t.kind]}">${escapeXml(text)}</text>`)
  }
  out.push(`<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="none" stroke="${COLOURS.frame}"/>`)
  out.push('</svg>')
  return out.join('\n')
}
