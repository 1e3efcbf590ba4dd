import { expect, type APIRequestContext, type Page } from '@playwright/test'

import { people, type RoleKey } from '../support/advance'
import { REVIEW_QUESTIONS } from '../../src/shared/review'

export { people, type RoleKey }

/** Opens the room at `base + path` as one of the people, and waits until the client is live. */
export async function enterAs(page: Page, base: string, who: RoleKey, path = ''): Promise<void> {
  await page.goto(base + path)
  await page.getByTestId('identity-name').fill(people[who].name)
  await page.getByTestId('identity-role').selectOption(who)
  await page.getByTestId('identity-submit').click()
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live')
}


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
      if (gate === 'closed') await completeReview(releaseId)
      await call('releases.advance', { releaseId, actor: people['devops-lead'] })
    }
  }
  /** The closure gate requires the post-release review: answered, one lesson, completed by the project manager. */
  async function completeReview(releaseId: string): Promise<void> {
    const pm = people['project-manager']
    if ((await call<{ completed: unknown }>('review.get', { releaseId })).completed) return
    for (const q of REVIEW_QUESTIONS) await call('review.answer', { releaseId, questionId: q.id, answer: 'Went as planned.', actor: pm })
    await call('review.lessons.set', { releaseId, lessons: ['Keep the checklist as it is.'], actor: pm })
    await call('review.complete', { releaseId, actor: pm })
  }
  type Step = { id: string; label: string; trafficPercent: number; soakSeconds: number | null; gate: 'none' | 'manual' | 'health' }
  /** Takes a release through staging with a canary plan of these steps, into production, and starts the rollout. */
  async function startCanary(releaseId: string, steps: Step[]): Promise<void> {
    await advanceTo(releaseId, 'staging')
    await call('rollout.plan.set', { releaseId, plan: { strategy: 'canary', steps }, actor: people['devops-lead'] })
    await advanceTo(releaseId, 'production')
    await call('rollout.start', { releaseId, actor: people['devops-lead'] })
  }
  /** A release as a DevOps lead creates it: checkout 2.6.0, canary, owned by Dana Okafor, unless `fields` say otherwise. */
  async function createRelease(fields: { title: string } & Record<string, unknown>): Promise<string> {
    const defaults = { service: 'checkout', version: '2.6.0', strategy: 'canary', owner: 'Dana Okafor', actor: people['devops-lead'] }
    return (await call<{ id: string }>('releases.create', { ...defaults, ...fields })).id
  }
  return { call, advanceTo, completeReview, startCanary, createRelease }
}
