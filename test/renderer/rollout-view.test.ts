import { describe, expect, it } from 'vitest'
import type { RolloutState, RolloutStep, RollbackProcedure } from '../../src/shared/rollout'
import { DEFAULT_DECISION_TREE, DEFAULT_PLANS } from '../../src/shared/rollout'
import type { IncidentView, RolloutView } from '../../src/shared/room-rollout'
import type { DomainEvent } from '../../src/shared/events'
import { controlsFor, laneSteps, rolloutHeadline, stepSize } from '../../src/renderer/src/rollout/lane'
import { deadlineCountdown, decisionPath, figureText, ownsIncident, rollbackProgress } from '../../src/renderer/src/rollout/incidents'
import { addStep, draftFromPlan, planFromDraft, removeStep, withPercent } from '../../src/renderer/src/rollout/plan-draft'
import { noticeFor } from '../../src/renderer/src/rollout/notices'

const T0 = Date.parse('2026-01-20T10:00:00Z')
const dana = { name: 'Dana Okafor', role: 'devops-lead' } as const
const sam = { name: 'Sam Lee', role: 'sre' } as const

const step = (over: Partial<RolloutStep>): RolloutStep => ({
  id: 's',
  label: '25% of traffic',
  trafficPercent: 25,
  soakSeconds: 60,
  gate: 'health',
  state: 'pending',
  startedAt: null,
  soakStartedAt: null,
  soakEndsAt: null,
  finishedAt: null,
  verdict: null,
  overridden: null,
  actionOutcome: null,
  ...over
})

const state = (steps: RolloutStep[], over: Partial<RolloutState> = {}): RolloutState => ({
  strategy: 'canary',
  status: 'running',
  steps,
  startedAt: T0,
  startedBy: dana,
  hold: null,
  endedAt: null,
  endedBy: null,
  endedReason: null,
  rolledBackAt: null,
  ...over
})

const view = (s: RolloutState, currentStepIndex: number): RolloutView => ({
  plan: DEFAULT_PLANS.canary,
  state: s,
  editable: false,
  currentStepIndex,
  template: { triggers: [], decisionTree: DEFAULT_DECISION_TREE, rollback: { targetMinutes: 15, steps: [] }, targets: { deploymentMinutes: 30, rollbackMinutes: 15 } },
  copied: true
})

describe('the rollout lane', () => {
  it('shows traffic or instances, the state, and a live soak countdown from the persisted end', () => {
    const s = state([
      step({ id: 'a', state: 'passed', trafficPercent: 5, verdict: { result: 'pass', by: 'manual', actor: sam, rationale: 'Flat', at: T0 } }),
      step({ id: 'b', state: 'soaking', soakStartedAt: T0, soakEndsAt: T0 + 60_000 }),
      step({ id: 'c', trafficPercent: undefined, instances: { updated: 4, total: 10 } })
    ])
    const lane = laneSteps(s, 1, T0 + 17_500)
    expect(lane.map((l) => [l.size, l.stateText, l.tone, l.current])).toEqual([
      ['5%', 'passed', 'ok', false],
      ['25%', 'soaking', 'active', true],
      ['4 of 10', 'waiting', 'idle', false]
    ])
    expect(lane[1].countdown).toBe('0:42 left')
    expect(lane[1].plan).toBe('soak 1:00 · health gate')
    expect(lane[0].verdict).toBe('Passed by Sam Lee: “Flat”')
    expect(laneSteps(s, 1, T0 + 90_000)[1].countdown).toBe('0:00 left')
    expect(stepSize({})).toBe('—')
  })

  it('shows the readings that failed a gate judged on its signals', () => {
    const s = state([step({ id: 'a', state: 'failed', verdict: { result: 'fail', by: 'signals', values: { 'Canary error rate': 4.8123, 'Canary p95 latency': 131 }, at: T0 } })])
    expect(laneSteps(s, 0, T0)[0].verdict).toBe('Failed on its signals (Canary error rate 4.81; Canary p95 latency 131)')
  })

  it('keeps the overridden verdict beside the override', () => {
    const s = state([
      step({
        state: 'passed',
        verdict: { result: 'pass', by: 'override', actor: dana, rationale: 'Known bot traffic', at: T0 },
        overridden: { result: 'fail', by: 'manual', actor: sam, rationale: 'Errors at 4%', at: T0 }
      })
    ])
    expect(laneSteps(s, -1, T0)[0].verdict).toBe('Overridden by Dana Okafor: “Known bot traffic” (it had failed: “Errors at 4%”)')
  })

  it('says why the rollout is held or ended', () => {
    expect(rolloutHeadline(state([], { status: 'held', hold: { reason: 'p95 creeping', cause: 'person', by: sam, at: T0 } }))).toEqual({
      text: 'Held',
      tone: 'warn',
      detail: 'p95 creeping'
    })
    expect(rolloutHeadline(state([], { status: 'rolled-back', endedReason: 'Roll back now' })).detail).toBe('Roll back now')
  })

  it('offers the controls that fit the state: override for a failed gate, the gate verdict to the SRE only', () => {
    const failed = view(state([step({ state: 'failed' }), step({})]), 0)
    expect(controlsFor(failed, 'production', dana)).toMatchObject({ advance: false, override: true, hold: true, abort: true, judge: null })
    const awaiting = view(state([step({ state: 'awaiting-gate' })]), 0)
    expect(controlsFor(awaiting, 'production', sam).judge).toEqual({ stepId: 's', label: '25% of traffic', canPass: true })
    expect(controlsFor(awaiting, 'production', { name: 'Lee', role: 'qa-lead' }).judge).toBeNull()
    const soaking = view(state([step({ state: 'soaking' })]), 0)
    expect(controlsFor(soaking, 'production', sam).judge?.canPass).toBe(false)
    const notStarted = view(state([step({})], { status: 'not-started' }), 0)
    expect(controlsFor(notStarted, 'staging', dana).start).toBe(false)
    expect(controlsFor(notStarted, 'production', dana).start).toBe(true)
    expect(controlsFor(notStarted, 'production', { name: 'Olu', role: 'observer' }).start).toBe(false)
    const held = view(state([step({ state: 'soaking' })], { status: 'held' }), 0)
    expect(controlsFor(held, 'production', dana)).toMatchObject({ resume: true, hold: false, advance: false, override: false })
  })
})

describe('the plan editor draft', () => {
  it('edits the default canary plan to three short steps and builds a plan the host accepts', () => {
    let d = draftFromPlan(DEFAULT_PLANS.canary)
    d = removeStep(d, 2)
    d = d.map((s) => ({ ...s, soakSeconds: '3' }))
    d = withPercent(d, 1, '30')
    expect(d.map((s) => s.label)).toEqual(['5% of traffic', '30% of traffic', '100% of traffic'])
    const out = planFromDraft(d)
    expect(out.ok && out.plan.steps.map((s) => [s.id, s.trafficPercent, s.soakSeconds])).toEqual([
      ['canary-5', 5, 3],
      ['canary-30', 30, 3],
      ['canary-100', 100, 3]
    ])
  })

  it('names the row of each problem', () => {
    const d = addStep(draftFromPlan(DEFAULT_PLANS.canary)).map((s, i) => (i === 4 ? { ...s, trafficPercent: 'lots' } : s))
    const out = planFromDraft(d)
    expect(!out.ok && out.errors).toEqual(['Step 5: trafficPercent must be a number from 0 to 100'])
    const paused = planFromDraft([{ id: 'x', label: 'All', trafficPercent: '100', soakSeconds: '', gate: 'health' }])
    expect(!paused.ok && paused.errors[0]).toMatch(/^Step 1: "All" pauses indefinitely, so only a person can end it/)
  })
})

describe('incidents, figures and the rollback clock', () => {
  const incident = (over: Partial<IncidentView> = {}): IncidentView => ({
    id: 'i',
    severity: 'high',
    summary: 'Gate failed',
    source: 'gate',
    stepId: 's',
    detectedAt: T0,
    openedBy: null,
    announced: [],
    decidedAt: null,
    outcome: null,
    resolvedAt: null,
    deadline: T0 + 60 * 60_000,
    answers: [],
    position: { kind: 'question', nodeId: 'is-critical', text: 'Is it critical?', hint: null },
    resolvedBy: null,
    resolution: null,
    data: {},
    ...over
  })

  it('counts the deadline down, warns near the end, and says when it has passed', () => {
    expect(deadlineCountdown(incident(), T0 + 30 * 60_000)).toEqual({ text: 'Respond within 30:00', tone: 'calm' })
    expect(deadlineCountdown(incident(), T0 + 59 * 60_000)).toEqual({ text: 'Respond within 1:00', tone: 'near' })
    expect(deadlineCountdown(incident(), T0 + 61 * 60_000)).toEqual({ text: 'Deadline passed 1:00 ago', tone: 'overdue' })
    expect(deadlineCountdown(incident({ deadline: null, severity: 'low' }), T0).tone).toBe('none')
    expect(deadlineCountdown(incident({ outcome: 'rollback-now', decidedAt: T0 + 4 * 60_000 }), T0 + 90 * 60_000)).toEqual({ text: 'Decided in 4:00: rolling back', tone: 'none' })
    expect(deadlineCountdown(incident({ outcome: 'fix-in-place', decidedAt: T0 }), T0 + 30 * 60_000).text).toBe('Fix within 30:00')
  })

  it('lists the path so far with each question and who answered', () => {
    const path = decisionPath(DEFAULT_DECISION_TREE, incident({ answers: [{ nodeId: 'is-critical', answer: 'no', actor: dana, rationale: 'Only EU', at: T0 }] }))
    expect(path).toEqual([{ question: 'Is it critical?', answer: 'no', by: 'Dana Okafor', rationale: 'Only EU', at: T0 }])
    expect(ownsIncident({ owner: 'Priya Raman' }, { name: 'priya raman', role: 'product-owner' })).toBe(true)
    expect(ownsIncident({ owner: 'Priya Raman' }, sam)).toBe(false)
  })

  it('ticks a running figure on from its start and marks it missed past its target', () => {
    const running = { startedAt: T0, endedAt: null, elapsedMs: 0, targetMs: 30 * 60_000, status: 'in-progress' as const }
    expect(figureText(running, T0 + 12 * 60_000)).toEqual({ value: '12:00', target: '30:00', tone: 'active' })
    expect(figureText(running, T0 + 31 * 60_000).tone).toBe('bad')
    expect(figureText({ startedAt: null, endedAt: null, elapsedMs: null, targetMs: null, status: 'not-started' }, T0)).toEqual({ value: '—', target: null, tone: 'idle' })
  })

  it('measures the rollback from the decision against its target', () => {
    const p: RollbackProcedure = {
      reason: 'r',
      decidedAt: T0,
      decidedBy: dana,
      targetMinutes: 15,
      finishedAt: null,
      steps: [
        { id: 'a', title: 'A', ownerRole: 'devops-lead', doneAt: T0 + 1000, doneBy: dana, note: null },
        { id: 'b', title: 'B', ownerRole: 'sre', doneAt: null, doneBy: null, note: null }
      ]
    }
    expect(rollbackProgress(p, T0 + 7.5 * 60_000)).toEqual({ done: 1, total: 2, elapsed: '7:30', target: '15:00', over: false, fraction: 0.5 })
  })
})

describe('desktop notices', () => {
  it('notifies only for the open release', () => {
    const e: DomainEvent = { seq: 1, at: '', type: 'rollout.notice', releaseId: 'r1', notice: 'gate-failed', title: 'Gate failed', text: 'Errors at 4%' }
    expect(noticeFor(e, 'r1', 'Checkout 2.6')).toEqual({ heading: 'Gate failed', title: 'Gate failed · Checkout 2.6', body: 'Errors at 4%', tag: 'r1:gate-failed' })
    expect(noticeFor(e, 'r2', 'Other')).toBeNull()
  })
})
