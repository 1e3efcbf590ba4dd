import { describe, expect, it } from 'vitest'
import type { Release } from '../../../src/shared/release'
import type { Actor } from '../../../src/shared/roles'
import type { ChecklistItem, TemplateGate, Vote } from '../../../src/shared/runbook'
import { evaluateGate, gateAfter, gatePosition } from '../../../src/main/runbook/gate-rules'
import { planAdvance, refuseItemChange, refuseVote } from '../../../src/main/runbook/release-rules'

const readyGate: TemplateGate = { id: 'ready', title: 'Go for deployment', phases: ['pre-deployment'], approvers: ['sre', 'product-owner'] }

function item(over: Partial<ChecklistItem>): ChecklistItem {
  return {
    id: over.key ?? 'i',
    key: 'i',
    phase: 'pre-deployment',
    position: 1,
    title: 'Backups verified',
    why: '',
    ownerRole: 'sre',
    required: true,
    status: 'open',
    note: null,
    evidence: null,
    changedBy: null,
    changedAt: null,
    ...over
  }
}

let at = 0
function vote(actor: Actor, verdict: Vote['verdict'], rationale = 'looked fine', over: Partial<Vote> = {}): Vote {
  at++
  return {
    id: `v${at}`,
    gate: 'ready',
    verdict,
    rationale,
    actor,
    at: `2026-01-20T10:00:${String(at).padStart(2, '0')}Z`,
    supersedes: null,
    supersededBy: null,
    snapshot: { stage: 'planning', gate: 'ready', satisfied: false, openItems: [], approvals: [] },
    ...over
  }
}

const sam: Actor = { name: 'Sam Lee', role: 'sre' }
const kim: Actor = { name: 'Kim Ito', role: 'sre' }
const priya: Actor = { name: 'Priya Raman', role: 'product-owner' }
const dana: Actor = { name: 'Dana Okafor', role: 'devops-lead' }
const release = (status: Release['status'] = 'planning'): Release => ({
  id: 'r',
  title: 'Checkout 2.6',
  service: 'checkout',
  version: '2.6.0',
  environment: 'production',
  strategy: 'canary',
  owner: 'Dana Okafor',
  status,
  windowStart: null,
  windowEnd: null,
  createdAt: '',
  createdBy: dana,
  updatedAt: '',
  templateId: 'builtin-canary',
  participants: [],
  successCriteria: [],
  endedReason: null
})

describe('evaluateGate', () => {
  it('holds when every required item is settled and every approver role voted go', () => {
    const items = [item({ key: 'a', status: 'done' }), item({ key: 'b', status: 'waived' }), item({ key: 'c', status: 'n/a' }), item({ key: 'd', required: false })]
    const g = evaluateGate(readyGate, 'planning', items, [vote(sam, 'go'), vote(priya, 'go')])
    expect(g).toMatchObject({ satisfied: true, blockers: [], position: 'next', items: { total: 3, settled: 3, open: [] } })
  })

  it('names every open required item with its owner, and says when one is blocked', () => {
    const items = [item({ key: 'a', title: 'Backups verified' }), item({ key: 'b', title: 'Rollback tested', ownerRole: 'devops-lead', status: 'blocked' })]
    const g = evaluateGate(readyGate, 'planning', items, [vote(sam, 'go'), vote(priya, 'go')])
    expect(g.satisfied).toBe(false)
    expect(g.blockers).toEqual(['2 required items not done: Backups verified (SRE) and Rollback tested (DevOps lead, blocked)'])
  })

  it('ignores items of phases outside the gate', () => {
    const g = evaluateGate(readyGate, 'planning', [item({ phase: 'staging' })], [vote(sam, 'go'), vote(priya, 'go')])
    expect(g.satisfied).toBe(true)
  })

  it('waits for every approver role and names the missing ones', () => {
    const g = evaluateGate(readyGate, 'planning', [], [vote(priya, 'go'), vote(dana, 'go')])
    expect(g.blockers).toEqual(['Waiting for a go vote from SRE'])
    expect(evaluateGate(readyGate, 'planning', [], []).blockers).toEqual(['Waiting for a go vote from SRE and Product owner'])
  })

  it('lets one no-go from a role block even when a colleague in that role said go, quoting why', () => {
    const g = evaluateGate(readyGate, 'planning', [], [vote(sam, 'go'), vote(kim, 'no-go', 'p95 doubled on staging'), vote(priya, 'go')])
    expect(g.approvals.find((a) => a.role === 'sre')?.verdict).toBe('no-go')
    expect(g.blockers).toEqual(['SRE Kim Ito voted no-go: "p95 doubled on staging"'])
  })

  it('counts only the latest vote of each person: a changed mind replaces, the old vote stays in the record', () => {
    const old = vote(sam, 'no-go', 'dashboards missing', { supersededBy: 'later' })
    const g = evaluateGate(readyGate, 'planning', [], [old, vote(sam, 'go', 'dashboards up', { supersedes: old.id }), vote(priya, 'go')])
    expect(g.satisfied).toBe(true)
  })

  it('does not count an abstention as go', () => {
    const g = evaluateGate(readyGate, 'planning', [], [vote(sam, 'abstain'), vote(priya, 'go')])
    expect(g.blockers).toEqual(['Waiting for a go vote from SRE'])
  })
})

describe('lifecycle', () => {
  it('follows planning → ready → staging → production → validating → closed', () => {
    expect(['planning', 'ready', 'staging', 'production', 'validating', 'closed', 'aborted'].map((s) => gateAfter(s as Release['status']))).toEqual([
      'ready',
      'staging',
      'production',
      'validating',
      'closed',
      undefined,
      undefined
    ])
    expect(gatePosition('ready', 'staging')).toBe('passed')
    expect(gatePosition('production', 'staging')).toBe('next')
    expect(gatePosition('closed', 'staging')).toBe('later')
  })

  it('advances when the next gate holds', () => {
    const gate = evaluateGate(readyGate, 'planning', [], [vote(sam, 'go'), vote(priya, 'go')])
    expect(planAdvance(release(), [gate], dana)).toEqual({ ok: true, to: 'ready' })
  })

  it('refuses with every unmet criterion when the gate does not hold', () => {
    const gate = evaluateGate(readyGate, 'planning', [item({})], [vote(sam, 'no-go', 'no restore test')])
    const plan = planAdvance(release(), [gate], dana)
    expect(plan).toEqual({
      ok: false,
      message: 'Cannot move to ready: 1 required item not done: Backups verified (SRE); SRE Sam Lee voted no-go: "no restore test"; Waiting for a go vote from Product owner.',
      reasons: ['1 required item not done: Backups verified (SRE)', 'SRE Sam Lee voted no-go: "no restore test"', 'Waiting for a go vote from Product owner']
    })
  })

  it('lets only the DevOps lead or the accountable owner advance', () => {
    const gate = evaluateGate(readyGate, 'planning', [], [vote(sam, 'go'), vote(priya, 'go')])
    expect(planAdvance(release(), [gate], sam)).toMatchObject({ ok: false, message: 'Only the DevOps lead or the accountable owner (Dana Okafor) can advance the release.' })
    expect(planAdvance(release(), [gate], { name: 'dana okafor', role: 'tech-lead' })).toEqual({ ok: true, to: 'ready' })
  })

  it('refuses to advance a release that has ended or is at the end', () => {
    expect(planAdvance(release('aborted'), [], dana)).toMatchObject({ ok: false, message: expect.stringMatching(/aborted; advancing is no longer possible/) })
    expect(planAdvance(release('closed'), [], dana)).toMatchObject({ ok: false, message: expect.stringMatching(/closed/) })
  })
})

describe('checklist rules', () => {
  const next = evaluateGate(readyGate, 'planning', [], [])
  const passed = evaluateGate(readyGate, 'staging', [], [])
  const backups = item({ title: 'Backups verified', ownerRole: 'sre' })

  it('lets the owner role, the DevOps lead and the accountable owner set an item', () => {
    expect(refuseItemChange(release(), backups, 'done', undefined, sam, next)).toBeUndefined()
    expect(refuseItemChange(release(), backups, 'done', undefined, dana, next)).toBeUndefined()
    expect(refuseItemChange(release(), backups, 'done', undefined, priya, next)).toBe(
      '"Backups verified" is owned by the SRE; only that role, the DevOps lead or the accountable owner (Dana Okafor) can change it.'
    )
  })

  it('needs a reason to block or waive', () => {
    expect(refuseItemChange(release(), backups, 'blocked', '  ', sam, next)).toBe('Say why "Backups verified" is blocked: a reason is required.')
    expect(refuseItemChange(release(), backups, 'waived', undefined, sam, next)).toBe('Say why "Backups verified" is waived: a reason is required.')
  })

  it('lets only the owner role or the accountable owner waive a required item, not the DevOps lead', () => {
    expect(refuseItemChange(release(), backups, 'waived', 'restore tested last week', sam, next)).toBeUndefined()
    expect(refuseItemChange(release(), backups, 'waived', 'no time', { name: 'Lee Park', role: 'devops-lead' }, next)).toMatch(/is required; only the SRE or the accountable owner/)
    expect(refuseItemChange(release(), item({ required: false }), 'waived', 'skip', { name: 'Lee Park', role: 'devops-lead' }, next)).toBeUndefined()
    expect(refuseItemChange(release(), backups, 'n/a', undefined, sam, next)).toMatch(/does not apply: a reason is required/)
  })

  it('refuses observers, ended releases and items of a gate already passed', () => {
    expect(refuseItemChange(release(), backups, 'done', undefined, { name: 'O', role: 'observer' }, next)).toMatch(/^Observers can watch/)
    expect(refuseItemChange(release('aborted'), backups, 'done', undefined, sam, next)).toMatch(/aborted/)
    expect(refuseItemChange(release('staging'), backups, 'open', undefined, sam, passed)).toMatch(/already passed; add a note/)
  })

  it('refuses votes from observers, on passed gates and on ended releases', () => {
    expect(refuseVote(release(), 'ready', next, priya)).toBeUndefined()
    expect(refuseVote(release(), 'ready', next, { name: 'O', role: 'observer' })).toMatch(/not vote/)
    expect(refuseVote(release('staging'), 'ready', passed, priya)).toMatch(/already been passed/)
    expect(refuseVote(release('closed'), 'ready', passed, priya)).toMatch(/closed/)
  })
})
