import { PHASES, PHASE_LABELS, type ChecklistItem, type ItemStatus, type Phase } from '../../../shared/runbook'
import type { Role } from '../../../shared/roles'

export interface PhaseGroup {
  phase: Phase
  label: string
  items: ChecklistItem[]
  settled: number
  required: number
}

const SETTLED: readonly ItemStatus[] = ['done', 'waived', 'n/a']

/** Items grouped by phase in runbook order, optionally only those a role owns. */
export function groupByPhase(items: readonly ChecklistItem[], onlyRole?: Role): PhaseGroup[] {
  const shown = onlyRole ? items.filter((i) => i.ownerRole === onlyRole) : items
  return PHASES.map((phase) => {
    const inPhase = shown.filter((i) => i.phase === phase).sort((a, b) => a.position - b.position)
    const required = inPhase.filter((i) => i.required)
    return {
      phase,
      label: PHASE_LABELS[phase],
      items: inPhase,
      settled: required.filter((i) => SETTLED.includes(i.status)).length,
      required: required.length
    }
  }).filter((g) => g.items.length > 0)
}

/** Space toggles between open and done; any other status goes back to open first, so a waiver is never undone by a slip. */
export function toggledStatus(status: ItemStatus): ItemStatus {
  return status === 'open' ? 'done' : 'open'
}

/** The full order with one item moved by `delta` places among the items of its own phase, for checklist.reorder. */
export function moveWithinPhase(items: readonly ChecklistItem[], itemId: string, delta: -1 | 1): string[] | undefined {
  const ordered = [...items].sort((a, b) => a.position - b.position)
  const item = ordered.find((i) => i.id === itemId)
  if (!item) return undefined
  const phase = ordered.filter((i) => i.phase === item.phase)
  const at = phase.indexOf(item)
  const swapWith = phase[at + delta]
  if (!swapWith) return undefined
  const ids = ordered.map((i) => i.id)
  const a = ids.indexOf(item.id)
  const b = ids.indexOf(swapWith.id)
  ;[ids[a], ids[b]] = [ids[b], ids[a]]
  return ids
}
