import type { Actor } from '../../src/shared/roles'
import type { Room } from '../../src/shared/room'
import type { WarRoom } from '../../src/main/war-room'
import { completeReview } from './review'

/** One person per role, as the tests' deployment window staffs it. */
export const people = {
  'devops-lead': { name: 'Dana Okafor', role: 'devops-lead' },
  sre: { name: 'Sam Lee', role: 'sre' },
  'security-lead': { name: 'Ana Costa', role: 'security-lead' },
  'qa-lead': { name: 'Lee Park', role: 'qa-lead' },
  'product-owner': { name: 'Priya Raman', role: 'product-owner' },
  'tech-lead': { name: 'Tomas Berg', role: 'tech-lead' },
  'project-manager': { name: 'Mo Diallo', role: 'project-manager' },
  observer: { name: 'Olu Ade', role: 'observer' }
} as const satisfies Record<string, Actor>
export type RoleKey = keyof typeof people

export function call<T>(room: WarRoom, method: string, input: unknown): T {
  const out = room.dispatch(method, input)
  if (!out.ok) throw Object.assign(new Error(`${method}: ${out.error.message}`), { error: out.error })
  return out.value as T
}

/**
 * Settles every required item of each gate up to `to` by its owner, has every approver vote go, and advances. Closing
 * also needs the post-release review completed, which it does as the project manager.
 */
export function advanceTo(room: WarRoom, releaseId: string, to: 'ready' | 'staging' | 'production' | 'validating' | 'closed'): Room {
  const order = ['ready', 'staging', 'production', 'validating', 'closed'] as const
  for (const gate of order.slice(0, order.indexOf(to) + 1)) {
    const g = call<Room>(room, 'releases.get', { releaseId }).gates.find((x) => x.id === gate)!
    if (g.position === 'passed') continue
    for (const item of g.items.open) call(room, 'checklist.set', { releaseId, itemId: item.id, status: 'done', actor: people[item.ownerRole as RoleKey] })
    for (const a of g.approvals) call(room, 'decisions.vote', { releaseId, gate, verdict: 'go', rationale: `${a.role} is ready`, actor: people[a.role as RoleKey] })
    if (gate === 'closed') completeReview(room, releaseId)
    call(room, 'releases.advance', { releaseId, actor: people['devops-lead'] })
  }
  return call<Room>(room, 'releases.get', { releaseId })
}
