import type { TimelineEntry } from '../../shared/timeline'
import type { ExportedFile } from '../../shared/room'

const COLUMNS = ['seq', 'at', 'kind', 'actor', 'role', 'summary', 'data', 'prev_hash', 'hash'] as const

/** RFC 4180 quoting, and a leading quote on cells a spreadsheet would run as a formula. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function timelineCsv(entries: readonly TimelineEntry[]): string {
  const rows = entries.map((e) =>
    [String(e.seq), e.at, e.kind, e.actor?.name ?? '', e.actor?.role ?? '', e.summary, JSON.stringify(e.data), e.prevHash, e.hash].map(cell).join(',')
  )
  return [COLUMNS.join(','), ...rows].join('\r\n') + '\r\n'
}

/** The JSON export carries the hashes too, so anyone holding it can re-verify the chain offline. */
export function timelineExport(releaseId: string, entries: readonly TimelineEntry[], format: 'csv' | 'json'): ExportedFile {
  const base = `timeline-${releaseId}`
  return format === 'csv'
    ? { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', content: timelineCsv(entries) }
    : { filename: `${base}.json`, contentType: 'application/json', content: `${JSON.stringify({ releaseId, entries }, null, 2)}\n` }
}
