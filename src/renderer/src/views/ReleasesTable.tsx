import { useMemo, useState } from 'react'
import {
  createColumnHelper,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type SortingState
} from '@tanstack/react-table'
import { RELEASE_STATUSES, STRATEGIES, STRATEGY_LABELS, type Release } from '../../../shared/release'
import { releaseMatches } from '../releases/release-filter'
import { formatMoment } from '../releases/window-time'
import { SortableHead } from './SortableHead'
import { releaseColumns } from './release-columns'
import { TableBody } from './TableBody'

const column = createColumnHelper<Release>()

const release = releaseColumns(column)

const columns = [
  release.title,
  release.service,
  release.version,
  release.strategy,
  release.status,
  release.owner,
  column.accessor('windowStart', { header: 'Window opens', cell: (c) => formatMoment(c.getValue()), sortUndefined: 'last' }),
  column.accessor('createdAt', { header: 'Created', cell: (c) => formatMoment(c.getValue()) })
]

export function ReleasesTable({ releases }: { releases: readonly Release[] }) {
  const [sorting, setSorting] = useState<SortingState>([{ id: 'createdAt', desc: true }])
  const [query, setQuery] = useState('')
  const [strategy, setStrategy] = useState('')
  const [status, setStatus] = useState('')
  const columnFilters = useMemo(
    () => [...(strategy ? [{ id: 'strategy', value: strategy }] : []), ...(status ? [{ id: 'status', value: status }] : [])],
    [strategy, status]
  )
  const data = useMemo(() => [...releases], [releases])

  // TanStack Table returns fresh functions each render by design; the React Compiler lint knows and we accept it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    state: { sorting, globalFilter: query, columnFilters },
    onSortingChange: setSorting,
    globalFilterFn: (row, _id, value: string) => releaseMatches(row.original, value),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getRowId: (r) => r.id
  })

  const rows = table.getRowModel().rows
  return (
    <section className="card">
      <div className="table-tools">
        <input
          type="search"
          placeholder="Search title, service, owner…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-label="Search releases"
          data-testid="release-search"
        />
        <select value={strategy} onChange={(e) => setStrategy(e.target.value)} aria-label="Filter by strategy" data-testid="filter-strategy">
          <option value="">All strategies</option>
          {STRATEGIES.map((s) => (
            <option key={s} value={s}>
              {STRATEGY_LABELS[s]}
            </option>
          ))}
        </select>
        <select value={status} onChange={(e) => setStatus(e.target.value)} aria-label="Filter by stage" data-testid="filter-status">
          <option value="">All stages</option>
          {RELEASE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <span className="muted count" data-testid="release-count">
          {rows.length} of {releases.length}
        </span>
      </div>
      <table className="grid" data-testid="releases-table">
        <SortableHead table={table} />
        <TableBody
          rows={rows}
          columnCount={columns.length}
          empty={releases.length === 0 ? 'No releases yet. Create the first one above.' : 'No release matches these filters.'}
          rowAttributes={(row) => ({ 'data-testid': 'release-row', 'data-release-id': row.id })}
        />
      </table>
    </section>
  )
}
