import { randomUUID } from 'node:crypto'
import type { Db } from '../store/database'
import type { Actor, Role } from '../../shared/roles'
import type { ChecklistItem, ItemStatus, Phase, TemplateItem } from '../../shared/runbook'

interface ItemRow {
  id: string
  release_id: string
  key: string
  phase: Phase
  position: number
  title: string
  why: string
  owner_role: Role
  required: number
  status: ItemStatus
  note: string | null
  evidence: string | null
  changed_by: string | null
  changed_role: Role | null
  changed_at: string | null
}

function toItem(r: ItemRow): ChecklistItem {
  return {
    id: r.id,
    key: r.key,
    phase: r.phase,
    position: r.position,
    title: r.title,
    why: r.why,
    ownerRole: r.owner_role,
    required: r.required === 1,
    status: r.status,
    note: r.note,
    evidence: r.evidence,
    changedBy: r.changed_by !== null && r.changed_role !== null ? { name: r.changed_by, role: r.changed_role } : null,
    changedAt: r.changed_at
  }
}

export interface StatusChange {
  status: ItemStatus
  note: string | null
  evidence: string | null
  actor: Actor
  at: string
}

/** A release's checklist rows. Positions are spaced by whole numbers and rewritten on reorder. */
export class ChecklistStore {
  private readonly insertStmt
  private readonly byReleaseStmt
  private readonly byIdStmt
  private readonly setStatusStmt
  private readonly editStmt
  private readonly positionStmt
  private readonly maxPositionStmt

  constructor(db: Db) {
    this.insertStmt = db.prepare(`
      INSERT INTO checklist_items (id, release_id, key, phase, position, title, why, owner_role, required, status)
      VALUES (@id, @releaseId, @key, @phase, @position, @title, @why, @ownerRole, @required, 'open')`)
    this.byReleaseStmt = db.prepare<[string], ItemRow>('SELECT * FROM checklist_items WHERE release_id = ? ORDER BY position, key')
    this.byIdStmt = db.prepare<[string, string], ItemRow>('SELECT * FROM checklist_items WHERE release_id = ? AND id = ?')
    this.setStatusStmt = db.prepare(`
      UPDATE checklist_items SET status = @status, note = @note, evidence = @evidence,
        changed_by = @name, changed_role = @role, changed_at = @at
      WHERE id = @id`)
    this.editStmt = db.prepare(`
      UPDATE checklist_items SET title = @title, why = @why, owner_role = @ownerRole, required = @required, phase = @phase
      WHERE id = @id`)
    this.positionStmt = db.prepare('UPDATE checklist_items SET position = ? WHERE id = ?')
    this.maxPositionStmt = db.prepare<[string], { p: number | null }>('SELECT max(position) AS p FROM checklist_items WHERE release_id = ?')
  }

  /** Copies template items into a release; keys that clash get a numeric suffix so imports never collide. */
  addAll(releaseId: string, items: readonly TemplateItem[]): ChecklistItem[] {
    const taken = new Set(this.list(releaseId).map((i) => i.key))
    let position = this.maxPositionStmt.get(releaseId)?.p ?? 0
    const ids: string[] = []
    for (const item of items) {
      let key = item.key
      for (let n = 2; taken.has(key); n++) key = `${item.key}-${n}`
      taken.add(key)
      const id = randomUUID()
      ids.push(id)
      this.insertStmt.run({
        id,
        releaseId,
        key,
        phase: item.phase,
        position: ++position,
        title: item.title,
        why: item.why,
        ownerRole: item.ownerRole,
        required: item.required ? 1 : 0
      })
    }
    return ids.map((id) => this.get(releaseId, id)!)
  }

  list(releaseId: string): ChecklistItem[] {
    return this.byReleaseStmt.all(releaseId).map(toItem)
  }

  get(releaseId: string, itemId: string): ChecklistItem | undefined {
    const row = this.byIdStmt.get(releaseId, itemId)
    return row ? toItem(row) : undefined
  }

  setStatus(itemId: string, c: StatusChange): void {
    this.setStatusStmt.run({ id: itemId, status: c.status, note: c.note, evidence: c.evidence, name: c.actor.name, role: c.actor.role, at: c.at })
  }

  edit(itemId: string, f: Pick<ChecklistItem, 'title' | 'why' | 'ownerRole' | 'required' | 'phase'>): void {
    this.editStmt.run({ id: itemId, title: f.title, why: f.why, ownerRole: f.ownerRole, required: f.required ? 1 : 0, phase: f.phase })
  }

  /** Rewrites positions 1..n in the given order. */
  reorder(orderedIds: readonly string[]): void {
    orderedIds.forEach((id, i) => this.positionStmt.run(i + 1, id))
  }
}
