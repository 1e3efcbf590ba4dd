import { expect, type APIRequestContext } from '@playwright/test'

/** One person per role for end-to-end scripts, matching test/support/advance.ts. */
export const people = {
  'devops-lead': { name: 'Dana Okafor', role: 'devops-lead' },
  sre: { name: 'Sam Lee', role: 'sre' },
  'security-lead': { name: 'Ana Costa', role: 'security-lead' },
  'qa-lead': { name: 'Lee Park', role: 'qa-lead' },
  'product-owner': { name: 'Priya Raman', role: 'product-owner' },
  'tech-lead': { name: 'Tomas Berg', role: 'tech-lead' },
  'project-manager': { name: 'Mo Diallo', role: 'project-manager' },
  observer: { name: 'Olu Ade', role: 'observer' }
} as const
export type RoleKey = keyof typeof people

export function apiOf(request: APIRequestContext, base: string) {
  async function call<T>(method: string, data: unknown): Promise<T> {
    const res = await request.post(`${base}api/${method}`, { data })
    expect(res.status(), `${method}: ${await res.text()}`).toBe(200)
    return (await res.json()) as T
  }
  type Gate = { id: string; position: string; items: { open: { id: string; ownerRole: RoleKey }[] }; approvals: { role: RoleKey }[] }
  /** Settles each gate up to `to` the way its owners would, over HTTP, and advances. */
  async function advanceTo(releaseId: string, to: 'ready' | 'staging' | 'production' | 'validating' | 'closed'): Promise<void> {
    const order = ['ready', 'staging', 'production', 'validating', 'closed']
    for (const gate of order.slice(0, order.indexOf(to) + 1)) {
      const g = (await call<{ gates: Gate[] }>('releases.get', { releaseId })).gates.find((x) => x.id === gate)!
      if (g.position === 'passed') continue
      for (const item of g.items.open) await call('checklist.set', { releaseId, itemId: item.id, status: 'done', actor: people[item.ownerRole] })
      for (const a of g.approvals) await call('decisions.vote', { releaseId, gate, verdict: 'go', rationale: `${a.role} ready`, actor: people[a.role] })
      await call('releases.advance', { releaseId, actor: people['devops-lead'] })
    }
  }
  return { call, advanceTo }
}
