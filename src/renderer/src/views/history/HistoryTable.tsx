import { useMemo, useState } from 'react'
import { createColumnHelper, getCoreRowModel, getSortedRowModel, useReactTable, type SortingState } from '@tanstack/react-table'
import { RELEASE_STATUSES } from '../../../../shared/release'
import type { ReleaseHistoryRow } from '../../../../shared/history'
import { EMPTY_FILTER, filterHistory, type HistoryFilter } from '../../history/history-filter'
import { formatHours, formatMinutes } from '../../history/dora-format'
import { formatMoment } from '../../releases/window-time'
import { SortableHead } from '../SortableHead'
import { releaseColumns } from '../release-columns'
import { TableBody } from '../TableBody'

const column = createColumnHelper<ReleaseHistoryRow>()

const release = releaseColumns(column)

const columns = [
  release.title,
  release.service,
  release.version,
  release.status,
  release.strategy,
  release.owner,
  column.accessor('deployedAt', { header: 'Deployed', cell: (c) => formatMoment(c.getValue()), sortUndefined: 'last' }),
  column.accessor('leadTimeHours', { header: 'Lead time', cell: (c) => formatHours(c.getValue()), sortUndefined: 'last' }),
  column.accessor('failed', {
    header: 'Outcome',
    cell: (c) => {
      const r = c.row.original
      if (!r.deployedAt) return <span className="muted">not deployed</span>
      return r.failed ? <span className="outcome-failed">{r.failure}</span> : <span className="outcome-ok">ok</span>
    }
  }),
  column.accessor((r) => (r.restoreMinutes.length ? Math.max(...r.restoreMinutes) : null), {
    id: 'restore',
    header: 'Restore',
    cell: (c) => {
      const mins = c.row.original.restoreMinutes
      return mins.length ? mins.map(formatMinutes).join(', ') : '—'
    },
    sortUndefined: 'last'
  })
]

/** Every release of the store, filtered by service, stage, outcome and date, with a search across its words. */
export function HistoryTable({ rows, services }: { rows: readonly ReleaseHistoryRow[]; services: readonly string[] }) {
  const [sorting, setSorting] = useState<SortingState>([{ id: 'deployedAt', desc: true }])
  const [filter, setFilter] = useState<HistoryFilter>(EMPTY_FILTER)
  const data = useMemo(() => filterHistory(rows, filter), [rows, filter])
  const patch = (p: Partial<HistoryFilter>) => setFilter((f) => ({ ...f, ...p }))

  // TanStack Table returns fresh functions each render by design; the React Compiler lint knows and we accept it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (r) => r.id
  })
  const shown = table.getRowModel().rows

  return (
    <section className="card" aria-labelledby="history-table-title">
      <h2 id="history-table-title">Releases</h2>
      <div className="table-tools">
        <input
          type="search"
          placeholder="Search title, service, owner, failure…"
          value={filter.query}
          onChange={(e) => patch({ query: e.target.value })}
          aria-label="Search the history"
          data-testid="history-search"
        />
        <select value={filter.service} onChange={(e) => patch({ service: e.target.value })} aria-label="Table service" data-testid="history-filter-service">
          <option value="">All services</option>
          {services.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <select value={filter.status} onChange={(e) => patch({ status: e.target.value })} aria-label="Table stage" data-testid="history-filter-status">
          <option value="">All stages</option>
          {RELEASE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <select
          value={filter.outcome}
          onChange={(e) => patch({ outcome: e.target.value as HistoryFilter['outcome'] })}
          aria-label="Table outcome"
          data-testid="history-filter-outcome"
        >
          <option value="all">Any outcome</option>
          <option value="failed">Failed (rollback or fix)</option>
          <option value="ok">Deployed, no failure</option>
          <option value="undeployed">Never deployed</option>
        </select>
        <label className="date-filter">
          From <input type="date" value={filter.from} onChange={(e) => patch({ from: e.target.value })} data-testid="history-filter-from" />
        </label>
        <label className="date-filter">
          To <input type="date" value={filter.to} onChange={(e) => patch({ to: e.target.value })} data-testid="history-filter-to" />
        </label>
        <span className="muted count" data-testid="history-count">
          {shown.length} of {rows.length}
        </span>
      </div>
      <table className="grid" data-testid="history-table">
        <SortableHead table={table} />
        <TableBody
          rows={shown}
          columnCount={columns.length}
          empty={rows.length === 0 ? 'No releases yet.' : 'No release matches these filters.'}
          rowAttributes={(row) => ({ 'data-testid': 'history-row', 'data-failed': row.original.failed })}
        />
      </table>
    </section>
  )
}
