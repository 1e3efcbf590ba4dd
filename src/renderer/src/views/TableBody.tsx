import { flexRender, type Row } from '@tanstack/react-table'

/**
 * A table's rows as tanstack laid them out, or one full-width line saying why there are none. `rowAttributes` gives
 * each row its test id and data attributes.
 */
export function TableBody<T>({
  rows,
  columnCount,
  empty,
  rowAttributes
}: {
  rows: Row<T>[]
  columnCount: number
  empty: string
  rowAttributes: (row: Row<T>) => Record<`data-${string}`, string | boolean>
}) {
  return (
    <tbody>
      {rows.map((row) => (
        <tr key={row.id} {...rowAttributes(row)}>
          {row.getVisibleCells().map((cell) => (
            <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
          ))}
        </tr>
      ))}
      {rows.length === 0 && (
        <tr>
          <td colSpan={columnCount} className="empty">
            {empty}
          </td>
        </tr>
      )}
    </tbody>
  )
}
