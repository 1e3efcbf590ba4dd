/**
 * How a report writes numbers and times, the same in the view, the Markdown and the charts. Times are UTC, because a
 * report is read in other time zones than the room's.
 */

/** Up to three decimals (one from 100, none from 1000), trailing zeros dropped, never exponent notation: 0.042, 99.95, 184.2. */
export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—'
  const abs = Math.abs(v)
  // Availability lives in the last decimals (99.9 against 99.95), so values under 100 keep three.
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : 3
  const text = v.toFixed(digits)
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text
}

export function withUnit(v: number | null | undefined, unit: string): string {
  const text = formatValue(v)
  if (text === '—' || !unit) return text
  return unit === '%' ? `${text} %` : `${text} ${unit}`
}

/** 2026-01-20 14:05:30 UTC; seconds only when they are not zero. */
export function formatTime(iso: string | number | null | undefined): string {
  if (iso === null || iso === undefined) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return String(iso)
  const s = d.toISOString()
  const seconds = s.slice(17, 19)
  return `${s.slice(0, 10)} ${s.slice(11, 16)}${seconds === '00' ? '' : `:${seconds}`} UTC`
}

/** 1 h 05 min, 12 min 30 s, 45 s. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—'
  const total = Math.round(ms / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`
  if (m > 0) return s ? `${m} min ${s} s` : `${m} min`
  return `${s} s`
}
