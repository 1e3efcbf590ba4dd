import type { ReleaseHistoryRow } from '../../../shared/history'

export interface HistoryFilter {
  service: string
  status: string
  /** all, failed (change failures), ok (deployed without failing), undeployed (never reached production). */
  outcome: 'all' | 'failed' | 'ok' | 'undeployed'
  /** Inclusive calendar days (yyyy-mm-dd, UTC) the deployment (or, undeployed, the creation) falls in; '' for open. */
  from: string
  to: string
  query: string
}

export const EMPTY_FILTER: HistoryFilter = { service: '', status: '', outcome: 'all', from: '', to: '', query: '' }

/** The day a row belongs to on the date filter: when it deployed, or when it was created if it never did. */
const dayOf = (r: ReleaseHistoryRow) => (r.deployedAt ?? r.createdAt).slice(0, 10)

/** Every word of the search must appear in the title, service, version, owner, status, strategy or failure. */
function matchesQuery(r: ReleaseHistoryRow, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (!words.length) return true
  const hay = [r.title, r.service, r.version, r.owner, r.status, r.strategy, r.failure ?? ''].join(' ').toLowerCase()
  return words.every((w) => hay.includes(w))
}

export function filterHistory(rows: readonly ReleaseHistoryRow[], f: HistoryFilter): ReleaseHistoryRow[] {
  return rows.filter(
    (r) =>
      (!f.service || r.service === f.service) &&
      (!f.status || r.status === f.status) &&
      (f.outcome === 'all' ||
        (f.outcome === 'failed' && r.failed) ||
        (f.outcome === 'ok' && r.deployedAt !== null && !r.failed) ||
        (f.outcome === 'undeployed' && r.deployedAt === null)) &&
      (!f.from || dayOf(r) >= f.from) &&
      (!f.to || dayOf(r) <= f.to) &&
      matchesQuery(r, f.query)
  )
}

/** The services the room has seen, for the filter: from releases and from SLOs set ahead of a first release. */
export function servicesOf(rows: readonly ReleaseHistoryRow[], sloServices: readonly string[] = []): string[] {
  return [...new Set([...rows.map((r) => r.service), ...sloServices])].sort((a, b) => a.localeCompare(b))
}
