/** "1:05:09" or "12:30": hours only when there are any, so a short countdown stays short; days past two days. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  if (total >= 48 * 3600) {
    const days = Math.floor(total / 86400)
    return `${days} d ${Math.floor((total % 86400) / 3600)} h`
  }
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const mm = String(m).padStart(h ? 2 : 1, '0')
  const ss = String(s).padStart(2, '0')
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`
}

export type WindowPhase = 'unplanned' | 'before' | 'open' | 'after'

/** Where the room stands against its planned window, as the header shows it. */
export function windowCountdown(now: number, start: string | null, end: string | null): { phase: WindowPhase; text: string } {
  const s = start ? Date.parse(start) : NaN
  const e = end ? Date.parse(end) : NaN
  if (Number.isNaN(s) && Number.isNaN(e)) return { phase: 'unplanned', text: 'No window planned' }
  if (!Number.isNaN(s) && now < s) return { phase: 'before', text: `Window opens in ${formatDuration(s - now)}` }
  if (!Number.isNaN(e) && now < e) return { phase: 'open', text: `Window open, closes in ${formatDuration(e - now)}` }
  if (!Number.isNaN(e)) return { phase: 'after', text: `Window closed ${formatDuration(now - e)} ago` }
  return { phase: 'open', text: `Window open for ${formatDuration(now - s)}` }
}
