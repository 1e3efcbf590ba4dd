import { useMemo, useRef, useState, type KeyboardEvent } from 'react'
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getExpandedRowModel,
  getGroupedRowModel,
  useReactTable,
  type Row
} from '@tanstack/react-table'
import type { ChecklistItem, ItemStatus } from '../../../../shared/runbook'
import { PHASES, PHASE_LABELS } from '../../../../shared/runbook'
import { ROLE_LABELS } from '../../../../shared/roles'
import { client, useIdentity } from '../../session/room'
import { useCall } from '../../room/use-call'
import { groupByPhase, toggledStatus } from '../../room/checklist-rows'
import { formatMoment } from '../../releases/window-time'
import { ItemDialog } from './ItemDialog'
import { ChecklistEditor } from './ChecklistEditor'

const column = createColumnHelper<ChecklistItem>()
const STATUS_MARK: Record<ItemStatus, string> = { open: '○', done: '✓', blocked: '⛔', waived: '↷', 'n/a': '–' }

const columns = [
  column.accessor('phase', { header: 'Phase', getGroupingValue: (i) => PHASES.indexOf(i.phase) }),
  column.accessor('status', {
    header: 'Status',
    cell: (c) => (
      <span className={`item-status item-${c.getValue().replace('/', '')}`}>
        <span aria-hidden>{STATUS_MARK[c.getValue()]}</span> {c.getValue()}
      </span>
    )
  }),
  column.accessor('title', {
    header: 'Item',
    cell: (c) => (
      <div>
        <div className="item-title">
          {c.getValue()} {!c.row.original.required && <span className="tag">optional</span>}
        </div>
        {c.row.original.why && <div className="item-why">{c.row.original.why}</div>}
      </div>
    )
  }),
  column.accessor('ownerRole', { header: 'Owner', cell: (c) => ROLE_LABELS[c.getValue()] }),
  column.display({
    id: 'record',
    header: 'Record',
    cell: (c) => {
      const i = c.row.original
      if (!i.changedBy) return <span className="muted">—</span>
      return (
        <div className="item-record">
          <div>
            {i.changedBy.name} · {formatMoment(i.changedAt)}
          </div>
          {i.note && <div className="item-note">“{i.note}”</div>}
          {i.evidence && <div className="item-evidence">Evidence: {i.evidence}</div>}
        </div>
      )
    }
  })
]

// Constant, not inline: TanStack recomputes the grouped model when `grouping` changes identity, and its automatic
// reset of `expanded` then re-renders forever.
const TABLE_STATE = { grouping: ['phase'], expanded: true as const, columnVisibility: { phase: false } }

/**
 * The checklist, grouped by phase. Keyboard: ↑/↓ move between items, space toggles done, n opens the note
 * dialog, Enter opens the full dialog. "My role" narrows it to what the person at this client owns.
 */
export function ChecklistPanel({ releaseId, items, planning }: { releaseId: string; items: ChecklistItem[]; planning: boolean }) {
  const actor = useIdentity((s) => s.actor)
  const [mine, setMine] = useState(false)
  const [focused, setFocused] = useState<string | null>(null)
  const [dialog, setDialog] = useState<{ item: ChecklistItem; status?: ItemStatus } | null>(null)
  const toggle = useCall()
  const bodyRef = useRef<HTMLTableSectionElement>(null)

  const data = useMemo(() => (mine && actor ? items.filter((i) => i.ownerRole === actor.role) : items), [items, mine, actor])
  const groups = useMemo(() => groupByPhase(items), [items])

  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    state: TABLE_STATE,
    autoResetExpanded: false,
    getCoreRowModel: getCoreRowModel(),
    getGroupedRowModel: getGroupedRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
    getRowId: (r) => r.id
  })
  const rows = table.getRowModel().rows
  const leaves = rows.filter((r) => !r.getIsGrouped()).map((r) => r.original)

  function focus(id: string) {
    setFocused(id)
    bodyRef.current?.querySelector<HTMLElement>(`[data-item-id="${id}"]`)?.focus()
  }

  function onKeyDown(e: KeyboardEvent) {
    if (dialog || !leaves.length) return
    const at = leaves.findIndex((i) => i.id === focused)
    const current = at >= 0 ? leaves[at] : undefined
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      const next = e.key === 'ArrowDown' ? Math.min(leaves.length - 1, at + 1) : Math.max(0, at - 1)
      focus(leaves[next].id)
    } else if (e.key === ' ' && current && actor) {
      e.preventDefault()
      void toggle.run(() => client.call('checklist.set', { releaseId, itemId: current.id, status: toggledStatus(current.status), actor }))
    } else if ((e.key === 'n' || e.key === 'Enter') && current) {
      e.preventDefault()
      setDialog({ item: current })
    }
  }

  return (
    <section className="card checklist" data-testid="checklist">
      <div className="panel-head">
        <h2>Checklist</h2>
        <label className="inline">
          <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} data-testid="filter-my-role" /> Only my role
          {actor ? ` (${ROLE_LABELS[actor.role]})` : ''}
        </label>
      </div>
      {planning && <ChecklistEditor releaseId={releaseId} />}
      <p className="muted keys">↑ ↓ move · space done/open · n note · Enter details</p>
      {toggle.error && (
        <p className="form-error" role="alert" data-testid="checklist-error">
          {toggle.error}
        </p>
      )}
      <table className="grid checklist-table" onKeyDown={onKeyDown}>
        <thead>
          <tr>
            {table.getFlatHeaders().filter((h) => h.column.getIsVisible()).map((h) => (
              <th key={h.id}>
                <span className="th">{flexRender(h.column.columnDef.header, h.getContext())}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={bodyRef}>
          {rows.map((row) => (row.getIsGrouped() ? <GroupRow key={row.id} row={row} groups={groups} /> : <ItemRow key={row.id} row={row} focused={row.id === focused} tabbable={row.id === focused || (!focused && row.id === leaves[0]?.id)} onFocus={() => setFocused(row.id)} onOpen={() => setDialog({ item: row.original })} />))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={4} className="empty">
                Nothing here is owned by your role.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {dialog && <ItemDialog releaseId={releaseId} item={items.find((i) => i.id === dialog.item.id) ?? dialog.item} items={items} planning={planning} initialStatus={dialog.status} onClose={() => setDialog(null)} />}
    </section>
  )
}

function GroupRow({ row, groups }: { row: Row<ChecklistItem>; groups: ReturnType<typeof groupByPhase> }) {
  const phase = row.subRows[0]?.original.phase
  const g = groups.find((x) => x.phase === phase)
  return (
    <tr className="group-row" data-testid="phase-row">
      <td colSpan={4}>
        {phase ? PHASE_LABELS[phase] : ''}
        {g && (
          <span className={`muted group-count ${g.settled === g.required ? 'group-complete' : ''}`}>
            {g.settled}/{g.required} required settled
          </span>
        )}
      </td>
    </tr>
  )
}

function ItemRow({ row, focused, tabbable, onFocus, onOpen }: { row: Row<ChecklistItem>; focused: boolean; tabbable: boolean; onFocus(): void; onOpen(): void }) {
  const i = row.original
  return (
    <tr
      tabIndex={tabbable ? 0 : -1}
      data-item-id={i.id}
      data-testid="item-row"
      data-key={i.key}
      data-status={i.status}
      aria-selected={focused}
      className={`item-row ${focused ? 'focused' : ''}`}
      onFocus={onFocus}
      onClick={onFocus}
      onDoubleClick={onOpen}
    >
      {row.getVisibleCells().map((cell) => (
        <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
      ))}
    </tr>
  )
}
