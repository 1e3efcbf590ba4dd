import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Room } from '../../src/shared/room'
import type { RunbookTemplate } from '../../src/shared/runbook'
import { testRoom } from '../support/room'
import { releaseInput } from '../support/fixtures'
import { call, people } from '../support/advance'

let t: ReturnType<typeof testRoom>
beforeEach(() => {
  t = testRoom()
})
afterEach(() => t.dispose())

describe('a team’s own decision tree, triggers and plan, carried by its runbook template', () => {
  it('is what a release created from the template uses', () => {
    const builtin = call<RunbookTemplate>(t.room, 'templates.get', { templateId: 'builtin-canary' })
    expect(builtin.rollout?.decisionTree.nodes.length).toBeGreaterThan(2)

    const ours: RunbookTemplate = structuredClone(builtin)
    ours.id = 'payments-canary'
    ours.name = 'Payments canary'
    ours.plan = {
      strategy: 'canary',
      steps: [
        { id: 'one-percent', label: '1% of traffic', trafficPercent: 1, soakSeconds: 1800, gate: 'health' },
        { id: 'all', label: 'All traffic', trafficPercent: 100, soakSeconds: 0, gate: 'none' }
      ]
    }
    const root = ours.rollout!.decisionTree.nodes.find((n) => n.id === ours.rollout!.decisionTree.root)!
    if (root.kind === 'question') root.text = 'Are card payments failing?'
    ours.rollout!.triggers = ours.rollout!.triggers.map((r) => (r.severity === 'critical' ? { ...r, responseMinutes: 2 } : r))

    const imported = call<{ id: string }>(t.room, 'templates.import', { format: 'json', content: JSON.stringify(ours), actor: people['devops-lead'] })
    const { id } = call<{ id: string }>(t.room, 'releases.create', releaseInput({ templateId: imported.id }))
    const room = call<Room>(t.room, 'releases.get', { releaseId: id })
    expect(room.rollout.state.steps.map((s) => s.label)).toEqual(['1% of traffic', 'All traffic'])
    const tree = room.rollout.template.decisionTree
    expect(tree.nodes.find((n) => n.id === tree.root)).toMatchObject({ text: 'Are card payments failing?' })
    expect(room.rollout.template.triggers.find((r) => r.severity === 'critical')).toMatchObject({ responseMinutes: 2 })
  })

  it('is refused whole when its tree does not hold together, naming the node', () => {
    const broken = call<RunbookTemplate>(t.room, 'templates.get', { templateId: 'builtin-canary' })
    broken.id = 'broken'
    const q = broken.rollout!.decisionTree.nodes.find((n) => n.kind === 'question')!
    if (q.kind === 'question') q.yes = 'nowhere'
    const out = t.room.dispatch('templates.import', { format: 'json', content: JSON.stringify(broken), actor: people['devops-lead'] })
    expect(out.ok).toBe(false)
    expect(out.ok || out.error.message).toMatch(/nowhere/)
  })
})

describe('saving a release’s runbook as a template', () => {
  it('keeps its checklist, plan and signal set, and a release made from it starts watching the same signals', () => {
    const { id } = call<{ id: string }>(t.room, 'releases.create', releaseInput({ title: 'Checkout 2.6' }))
    call(t.room, 'checklist.add', { releaseId: id, item: { phase: 'pre-deployment', title: 'Card vault warmed', ownerRole: 'sre' }, actor: people['devops-lead'] })
    call(t.room, 'signals.add', {
      releaseId: id,
      signal: { name: 'Checkout p95', unit: 'ms', source: { kind: 'json', url: 'http://127.0.0.1:9/health', path: 'p95' }, thresholds: { direction: 'above', critical: 200 }, severity: 'high' },
      actor: people['devops-lead']
    })
    const saved = call<{ id: string; itemCount: number }>(t.room, 'templates.fromRelease', { releaseId: id, name: 'Checkout runbook', actor: people['devops-lead'] })
    expect(saved).toMatchObject({ id: 'checkout-runbook' })

    const next = call<{ id: string }>(t.room, 'releases.create', releaseInput({ title: 'Checkout 2.7', templateId: saved.id }))
    const room = call<Room>(t.room, 'releases.get', { releaseId: next.id })
    expect(room.checklist.map((i) => i.title)).toContain('Card vault warmed')
    expect(room.signals.map((s) => [s.definition.name, s.definition.thresholds.critical])).toEqual([['Checkout p95', 200]])
    const entries = call<{ kind: string; summary: string }[]>(t.room, 'timeline.list', { releaseId: next.id })
    expect(entries.map((e) => e.kind)).toEqual(['signal.added', 'release.created'])
  })
})
