import { flexRender, type Table } from '@tanstack/react-table'

/** A table's header row whose every column sorts on click, with the direction shown and announced (aria-sort). */
export function SortableHead<Row>({ table }: { table: Table<Row> }) {
  return (
    <thead>
      {table.getHeaderGroups().map((hg) => (
        <tr key={hg.id}>
          {hg.headers.map((h) => {
            const sorted = h.column.getIsSorted()
            return (
              <th key={h.id} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                <button className="sort" onClick={h.column.getToggleSortingHandler()}>
                  {flexRender(h.column.columnDef.header, h.getContext())}
                  <span className="sort-mark" aria-hidden>
                    {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                  </span>
                </button>
              </th>
            )
          })}
        </tr>
      ))}
    </thead>
  )
}
