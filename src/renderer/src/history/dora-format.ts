import type { DoraBand, DoraFigure, DoraFigures } from '../../../shared/dora'

export type DoraKey = 'deploymentFrequency' | 'leadTimeForChanges' | 'changeFailureRate' | 'timeToRestore'

export const DORA_KEYS: readonly DoraKey[] = ['deploymentFrequency', 'leadTimeForChanges', 'changeFailureRate', 'timeToRestore']

export const DORA_TITLES: Record<DoraKey, string> = {
  deploymentFrequency: 'Deployment frequency',
  leadTimeForChanges: 'Lead time for changes',
  changeFailureRate: 'Change failure rate',
  timeToRestore: 'Time to restore'
}

/** What each band means for this key, so a tile says what "high" asks of the team (DORA's cluster limits). */
export const BAND_LIMITS: Record<DoraKey, string> = {
  deploymentFrequency: 'Elite: daily or more · High: weekly · Medium: monthly',
  leadTimeForChanges: 'Elite: under a day · High: under a week · Medium: under a month',
  changeFailureRate: 'Elite: ≤ 5% · High: ≤ 10% · Medium: ≤ 15%',
  timeToRestore: 'Elite: under an hour · High: under a day · Medium: under a week'
}

export const BAND_LABELS: Record<DoraBand, string> = { elite: 'Elite', high: 'High', medium: 'Medium', low: 'Low', 'no-data': 'No data' }

function hours(h: number): string {
  const m = h * 60
  if (m < 10) return `${m.toFixed(1).replace(/\.0$/, '')} min`
  if (h < 1) return `${Math.round(m)} min`
  if (h < 48) return `${h.toFixed(1).replace(/\.0$/, '')} h`
  return `${(h / 24).toFixed(1).replace(/\.0$/, '')} days`
}

/** Frequency reads best in the unit that gives a number above one: per day, else per week, else per month. */
export function formatFrequency(perDay: number): string {
  if (perDay >= 1) return `${perDay.toFixed(1).replace(/\.0$/, '')} / day`
  if (perDay * 7 >= 1) return `${(perDay * 7).toFixed(1).replace(/\.0$/, '')} / week`
  return `${(perDay * 30).toFixed(1).replace(/\.0$/, '')} / month`
}

export function formatPercent(ratio: number): string {
  const p = ratio * 100
  return `${p >= 10 || Number.isInteger(p) ? Math.round(p) : p.toFixed(1)}%`
}

/** The tile's big number, in words a room reads at a glance; an em dash when there is no data. */
export function formatFigure(key: DoraKey, figure: DoraFigure): string {
  if (figure.value === null) return '—'
  switch (key) {
    case 'deploymentFrequency':
      return formatFrequency(figure.value)
    case 'leadTimeForChanges':
      return hours(figure.value)
    case 'changeFailureRate':
      return formatPercent(figure.value)
    case 'timeToRestore':
      return hours(figure.value / 60)
  }
}

export function formatHours(h: number | null): string {
  return h === null ? '—' : hours(h)
}

export function formatMinutes(m: number): string {
  return hours(m / 60)
}

export function tiles(f: DoraFigures) {
  return DORA_KEYS.map((key) => ({ key, title: DORA_TITLES[key], value: formatFigure(key, f[key]), figure: f[key], limits: BAND_LIMITS[key] }))
}
