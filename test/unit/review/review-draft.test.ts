import { describe, expect, it } from 'vitest'
import type { Release } from '../../../src/shared/release'
import type { Actor } from '../../../src/shared/roles'
import type { ChecklistItem, GateState, Vote } from '../../../src/shared/runbook'
import type { TimelineEntry, TimelineKind } from '../../../src/shared/timeline'
import type { IncidentView } from '../../../src/shared/room-rollout'
import type { SignalView } from '../../../src/shared/room-signals'
import type { DeploymentFigures, RollbackProcedure } from '../../../src/shared/rollout'
import { draftReview, type DraftRoom } from '../../../src/main/review/review-draft'

const MIN = 60_000
const T0 = Date.parse('2026-01-20T14:00:00Z')
const iso = (minutes: number) => new Date(T0 + minutes * MIN).toISOString()
const dana: Actor = { name: 'Dana Okafor', role: 'devops-lead' }
const sam: Actor = { name: 'Sam Lee', role: 'sre' }

let seq = 0
function entry(minutes: number, kind: TimelineKind, data: Record<string, unknown>, actor: Actor | null = dana): TimelineEntry {
  seq++
  return { id: seq, releaseId: 'r', seq, at: iso(minutes), kind, actor, summary: `${kind} summary`, data, prevHash: '', hash: '' }
}

const release = (over: Partial<Release> = {}): Release => ({
  id: 'r',
  title: 'Checkout 2.6',
  service: 'checkout',
  version: '2.6.0',
  environment: 'production',
  strategy: 'canary',
  owner: 'Dana Okafor',
  status: 'validating',
  windowStart: iso(0),
  windowEnd: iso(120),
  createdAt: iso(-600),
  createdBy: dana,
  updatedAt: iso(60),
  templateId: 'canary',
  participants: [],
  successCriteria: [],
  endedReason: null,
  ...over
})

const gate = (id: GateState['id'], title: string): GateState => ({
  id,
  title,
  position: 'passed',
  satisfied: true,
  items: { total: 0, settled: 0, open: [] },
  approvals: [],
  blockers: []
})

const item: ChecklistItem = {
  id: 'backups',
  key: 'backups',
  phase: 'pre-deployment',
  position: 1,
  title: 'Backups verified',
  why: '',
  ownerRole: 'sre',
  required: true,
  status: 'done',
  note: 'Restored to the replica at 13:40',
  evidence: null,
  changedBy: sam,
  changedAt: iso(-20)
}

const noGo: Vote = {
  id: 'v1',
  gate: 'ready',
  verdict: 'no-go',
  rationale: 'Backups not verified',
  actor: sam,
  at: iso(-30),
  supersedes: null,
  supersededBy: 'v2',
  snapshot: { stage: 'planning', gate: 'ready', satisfied: false, openItems: [], approvals: [] }
}

const figure = (over: Partial<DeploymentFigures['deployment']> = {}): DeploymentFigures['deployment'] => ({
  startedAt: null,
  endedAt: null,
  elapsedMs: null,
  targetMs: null,
  status: 'not-started',
  ...over
})

function room(over: Partial<DraftRoom> = {}): DraftRoom {
  return {
    release: release(),
    gates: [gate('ready', 'Go for deployment'), gate('production', 'Go for production'), gate('validating', 'Production deployment complete')],
    votes: [noGo],
    checklist: [item],
    incidents: [],
    rollback: null,
    figures: { deployment: figure({ startedAt: T0 + 10 * MIN, endedAt: T0 + 34 * MIN, elapsedMs: 24 * MIN, targetMs: 30 * MIN, status: 'met' }), rollback: figure(), decisions: [] },
    signals: [{ id: 's1', definition: { name: 'Error rate' } } as SignalView],
    ...over
  }
}

describe('the review draft, from the room and its timeline', () => {
  it('times each decision from the planned window start, in order', () => {
    const timeline = [
      entry(-25, 'checklist.item-changed', { itemId: 'backups', to: 'blocked', note: 'Restore test failed' }, sam),
      entry(5, 'release.stage-changed', { from: 'planning', to: 'ready' }),
      entry(12, 'release.stage-changed', { from: 'staging', to: 'production' }),
      entry(20, 'rollout.override', { rationale: 'Soak too short to judge; the numbers are flat' }),
      entry(40, 'release.stage-changed', { from: 'production', to: 'validating' })
    ]
    const d = draftReview(room(), timeline, T0 + 60 * MIN)
    expect(d.reference).toEqual({ at: iso(0), label: 'the planned window start' })
    expect(d.decisions.map((x) => [x.kind, x.sinceStartMs / MIN, x.text])).toEqual([
      ['vote', -30, 'SRE voted no-go on "Go for deployment": Backups not verified'],
      ['gate', 5, 'Gate passed: "Go for deployment", moved to ready'],
      ['gate', 12, 'Gate passed: "Go for production", moved to production'],
      ['override', 20, 'Rollout gate overridden: Soak too short to judge; the numbers are flat'],
      ['gate', 40, 'Gate passed: "Production deployment complete", moved to validating']
    ])
  })

  it('falls back to entering production, then to creation, when no window was planned', () => {
    const timeline = [entry(12, 'release.stage-changed', { from: 'staging', to: 'production' })]
    expect(draftReview(room({ release: release({ windowStart: null }) }), timeline, T0).reference).toEqual({ at: iso(12), label: 'entering production' })
    expect(draftReview(room({ release: release({ windowStart: null }) }), [], T0).reference).toEqual({ at: iso(-600), label: 'the release’s creation' })
  })

  it('lists what the checklist caught: items ever blocked, no-go votes, and notes left on items', () => {
    const timeline = [entry(-25, 'checklist.item-changed', { itemId: 'backups', to: 'blocked', note: 'Restore test failed' }, sam)]
    expect(draftReview(room(), timeline, T0).caught).toEqual([
      { kind: 'no-go', at: iso(-30), title: 'No-go on "Go for deployment"', who: 'Sam Lee (SRE)', detail: 'Backups not verified' },
      { kind: 'blocked', at: iso(-25), title: 'Backups verified', who: 'Sam Lee (SRE)', detail: 'Restore test failed' },
      { kind: 'note', at: iso(-20), title: 'Backups verified', who: 'Sam Lee (SRE)', detail: 'Restored to the replica at 13:40' }
    ])
  })

  it('pairs each sustained breach with its recovery, and reads incidents, the rollback and the figures against targets', () => {
    const timeline = [
      entry(22, 'signal.breach', { signalId: 's1' }, null),
      entry(23, 'signal.breach', { signalId: 'gone' }, null),
      entry(31, 'signal.recovered', { signalId: 's1' }, null)
    ]
    const incident = {
      id: 'i1',
      severity: 'critical',
      summary: 'Canary error rate 4%',
      source: 'signal',
      detectedAt: T0 + 22 * MIN,
      decidedAt: T0 + 25 * MIN,
      outcome: 'rollback-now',
      resolvedAt: null,
      answers: [{ nodeId: 'critical', answer: 'yes', actor: dana, rationale: 'Checkout failing', at: T0 + 25 * MIN }]
    } as unknown as IncidentView
    const rollback: RollbackProcedure = { reason: 'Canary error rate 4%', decidedAt: T0 + 25 * MIN, decidedBy: dana, targetMinutes: 15, steps: [], finishedAt: null }
    const figures = {
      deployment: figure({ startedAt: T0 + 10 * MIN, endedAt: T0 + 25 * MIN, elapsedMs: 15 * MIN, targetMs: 30 * MIN, status: 'stopped' }),
      rollback: figure({ startedAt: T0 + 25 * MIN, elapsedMs: 11 * MIN, targetMs: 15 * MIN, status: 'in-progress' }),
      decisions: []
    }
    const d = draftReview(room({ incidents: [incident], rollback, figures }), timeline, T0 + 36 * MIN)
    expect(d.breaches).toEqual([
      { at: iso(22), signal: 'Error rate', summary: 'signal.breach summary', recoveredAt: iso(31) },
      { at: iso(23), signal: 'a removed signal', summary: 'signal.breach summary', recoveredAt: null }
    ])
    expect(d.incidents).toEqual([expect.objectContaining({ id: 'i1', decision: 'Roll back now', timeToDecisionMs: 3 * MIN, resolvedAt: null })])
    // Still under way: timed to the clock the caller passes.
    expect(d.rollbacks).toEqual([expect.objectContaining({ elapsedMs: 11 * MIN, targetMs: 15 * MIN, status: 'in-progress', finishedAt: null })])
    expect(d.decisions.filter((x) => x.kind === 'incident' || x.kind === 'rollback').map((x) => [x.kind, x.text, x.actor])).toEqual([
      ['incident', 'Incident "Canary error rate 4%" (critical): Roll back now', dana],
      ['rollback', 'Rollback decided: Canary error rate 4%', dana]
    ])
    expect(d.figures.map((f) => [f.label, f.status])).toEqual([
      ['Deployment time', 'stopped'],
      ['Rollback time', 'in-progress']
    ])
    expect(d.headlines).toEqual([
      'Deployment time: 15m (target 30m), stopped',
      'Rolled back: Canary error rate 4% (still under way)',
      '1 incident, 1 critical',
      '2 sustained signal breaches',
      'The checklist and gates caught 0 blocked items and 1 no-go vote'
    ])
    const finished = draftReview(room({ rollback: { ...rollback, finishedAt: T0 + 38 * MIN } }), [], T0 + 90 * MIN)
    expect(finished.rollbacks[0]).toMatchObject({ elapsedMs: 13 * MIN, status: 'met', finishedAt: iso(38) })
    expect(finished.headlines[1]).toBe('Rolled back: Canary error rate 4% (13m, target 15m)')
  })

  it('says plainly when nothing went wrong', () => {
    const d = draftReview(room({ votes: [], checklist: [{ ...item, note: null }] }), [], T0)
    expect(d.headlines).toEqual(['Deployment time: 24m (target 30m), met', 'No rollback', 'No incidents', 'No sustained signal breach', 'The checklist and gates caught 0 blocked items and 0 no-go votes'])
    expect(d.figures).toEqual([{ label: 'Deployment time', actualMs: 24 * MIN, targetMs: 30 * MIN, status: 'met' }])
  })
})
