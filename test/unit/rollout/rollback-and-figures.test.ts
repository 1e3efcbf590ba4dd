import { describe, expect, it } from 'vitest'
import { DEFAULT_PLANS, DEFAULT_ROLLBACK_TEMPLATE, type CanaryPlan, type RollbackProcedure, type RolloutState } from '../../../src/shared/rollout'
import { completeRollbackStep, startRollbackProcedure, type ProcedureResult } from '../../../src/main/rollout/rollback-procedure'
import { deploymentFigures, deploymentTime, figure, rollbackTime, timeToDecision } from '../../../src/main/rollout/deployment-figures'
import { newRollout } from '../../../src/main/rollout/plan-compile'
import { abort, advance, applyDueEvents, recordGateResult, start } from '../../../src/main/rollout/rollout-machine'
import { MINUTE, SECOND, T0, accepted, dana, olu, priya, refusal, sam } from './helpers'

function procedure(r: ProcedureResult): RollbackProcedure {
  if (!r.ok) throw new Error(r.reasons.join(' | '))
  return r.procedure
}

const decided = () => procedure(startRollbackProcedure(DEFAULT_ROLLBACK_TEMPLATE, { reason: 'checkout errors at 4%', actor: dana, now: T0 }))

describe('the rollback procedure', () => {
  it('copies the template’s steps and target, timed from the decision', () => {
    const p = decided()
    expect(p).toMatchObject({ reason: 'checkout errors at 4%', decidedAt: T0, decidedBy: dana, targetMinutes: 15, finishedAt: null })
    expect(p.steps.map((s) => s.id)).toEqual(['announce', 'revert', 'verify', 'notify'])
    expect(p.steps.every((s) => s.doneAt === null)).toBe(true)
  })

  it('finishes when the last step is ticked, in any order', () => {
    let p = decided()
    const order = [
      ['revert', dana],
      ['announce', priya],
      ['verify', sam]
    ] as const
    order.forEach(([id, who], i) => {
      const r = completeRollbackStep(p, { stepId: id, actor: who, now: T0 + (i + 1) * MINUTE })
      expect(r.ok && r.finished).toBe(false)
      p = procedure(r)
    })
    const last = completeRollbackStep(p, { stepId: 'notify', actor: priya, note: ' sent to #releases ', now: T0 + 9 * MINUTE })
    expect(last.ok && last.finished).toBe(true)
    p = procedure(last)
    expect(p.finishedAt).toBe(T0 + 9 * MINUTE)
    expect(p.steps[3]).toMatchObject({ doneBy: priya, doneAt: T0 + 9 * MINUTE, note: 'sent to #releases' })
  })

  it('refuses a start without a reason or by an observer', () => {
    expect(refusal(startRollbackProcedure(DEFAULT_ROLLBACK_TEMPLATE, { reason: ' ', actor: olu, now: T0 }))).toEqual([
      'Observers can watch and add notes but not start a rollback; ask a participant with a role in this window.',
      'Say why you are rolling back: a reason is required, and it goes on the release record.'
    ])
  })

  it('refuses an unknown step, a step done twice, an observer, and any tick after it finished', () => {
    const p = procedure(completeRollbackStep(decided(), { stepId: 'announce', actor: dana, now: T0 + MINUTE }))
    expect(refusal(completeRollbackStep(p, { stepId: 'pray', actor: dana, now: T0 }))).toEqual([
      'No rollback step "pray"; the steps are announce, revert, verify, notify.'
    ])
    expect(refusal(completeRollbackStep(p, { stepId: 'announce', actor: sam, now: T0 }))).toEqual(['"Announce the rollback in the war room and to stakeholders" was already done by Dana Okafor.'])
    expect(refusal(completeRollbackStep(p, { stepId: 'revert', actor: olu, now: T0 }))).toEqual([
      'Observers can watch and add notes but not tick rollback steps; ask a participant with a role in this window.'
    ])
    const finished = { ...p, finishedAt: T0 + 12 * MINUTE }
    expect(refusal(completeRollbackStep(finished, { stepId: 'revert', actor: dana, now: T0 }))).toEqual([
      'The rollback finished 12m after the decision; add a note instead.'
    ])
  })
})

describe('deployment figures', () => {
  const plan: CanaryPlan = {
    strategy: 'canary',
    steps: [
      { id: 'c10', label: '10%', trafficPercent: 10, soakSeconds: 600, gate: 'none' },
      { id: 'c100', label: '100%', trafficPercent: 100, soakSeconds: 600, gate: 'none' }
    ]
  }

  function deployed(): RolloutState {
    const s = accepted(start(newRollout(plan), { actor: dana, now: T0 })).state
    const first = applyDueEvents(s, T0 + 10 * MINUTE).state
    const second = accepted(advance(first, { actor: dana, now: T0 + 11 * MINUTE })).state
    return applyDueEvents(second, T0 + 40 * MINUTE).state
  }

  it('grade a figure against its target, missing it as soon as a running one passes the target', () => {
    expect(figure(null, null, 1000, T0)).toMatchObject({ status: 'not-started', elapsedMs: null })
    expect(figure(T0, null, 10 * MINUTE, T0 + 5 * MINUTE)).toMatchObject({ status: 'in-progress', elapsedMs: 5 * MINUTE })
    expect(figure(T0, null, 10 * MINUTE, T0 + 11 * MINUTE)).toMatchObject({ status: 'missed' })
    expect(figure(T0, T0 + 10 * MINUTE, 10 * MINUTE, T0 + 99 * MINUTE)).toMatchObject({ status: 'met', elapsedMs: 10 * MINUTE })
    expect(figure(T0, T0 + MINUTE, null, T0 + 99 * MINUTE)).toMatchObject({ status: 'done' })
    expect(figure(T0, null, null, T0 + MINUTE)).toMatchObject({ status: 'in-progress' })
  })

  it('measure deployment time from the start to the last step passed, against 30 minutes', () => {
    const s = deployed()
    expect(deploymentTime(s, T0 + 99 * MINUTE)).toEqual({
      startedAt: T0,
      endedAt: T0 + 21 * MINUTE,
      elapsedMs: 21 * MINUTE,
      targetMs: 30 * MINUTE,
      status: 'met'
    })
    expect(deploymentTime(newRollout(plan), T0).status).toBe('not-started')
    const midway = accepted(start(newRollout(plan), { actor: dana, now: T0 })).state
    expect(deploymentTime(midway, T0 + 5 * MINUTE)).toMatchObject({ status: 'in-progress', elapsedMs: 5 * MINUTE })
    expect(deploymentTime(midway, T0 + 31 * MINUTE)).toMatchObject({ status: 'missed' })
  })

  it('stop the deployment clock when the rollout is aborted before its last step', () => {
    const s = accepted(start(newRollout(plan), { actor: dana, now: T0 })).state
    const aborted = accepted(abort(s, { actor: dana, reason: 'wrong build', now: T0 + 4 * MINUTE })).state
    expect(deploymentTime(aborted, T0 + 60 * MINUTE)).toMatchObject({ status: 'stopped', elapsedMs: 4 * MINUTE })
  })

  it('leave the blue-green rollback window out of deployment time', () => {
    let s = accepted(start(newRollout(DEFAULT_PLANS['blue-green']), { actor: dana, now: T0 })).state // deploy-green passes at once
    s = accepted(advance(s, { actor: dana, now: T0 + 2 * MINUTE })).state // smoke test waits for a person
    s = accepted(recordGateResult(s, { stepId: 'smoke-test', result: 'pass', by: 'manual', actor: sam, rationale: 'smoke ok', now: T0 + 5 * MINUTE })).state
    s = accepted(advance(s, { actor: dana, now: T0 + 6 * MINUTE })).state // switch traffic, soak 10 min
    s = applyDueEvents(s, T0 + 16 * MINUTE).state
    s = accepted(recordGateResult(s, { stepId: 'switch-traffic', result: 'pass', by: 'signals', now: T0 + 16 * MINUTE + 5 * SECOND })).state
    s = accepted(advance(s, { actor: dana, now: T0 + 17 * MINUTE })).state // keep blue for 60 min
    expect(deploymentTime(s, T0 + 50 * MINUTE)).toMatchObject({ status: 'met', elapsedMs: 16 * MINUTE + 5 * SECOND })
  })

  it('measure rollback time from the decision to the last step done, against 15 minutes', () => {
    expect(rollbackTime(null, T0).status).toBe('not-started')
    const p = decided()
    expect(rollbackTime(p, T0 + 20 * MINUTE)).toMatchObject({ status: 'missed', elapsedMs: 20 * MINUTE, targetMs: 15 * MINUTE })
    expect(rollbackTime({ ...p, finishedAt: T0 + 12 * MINUTE }, T0 + 99 * MINUTE)).toMatchObject({ status: 'met', elapsedMs: 12 * MINUTE })
  })

  it('measure time to decision per incident against its severity’s response time', () => {
    expect(timeToDecision({ severity: 'high', detectedAt: T0, decidedAt: T0 + 8 * MINUTE }, T0 + 99 * MINUTE)).toMatchObject({
      status: 'met',
      elapsedMs: 8 * MINUTE,
      targetMs: 60 * MINUTE
    })
    expect(timeToDecision({ severity: 'critical', detectedAt: T0, decidedAt: T0 + 8 * MINUTE }, T0 + 99 * MINUTE).status).toBe('missed')
    expect(timeToDecision({ severity: 'low', detectedAt: T0, decidedAt: null }, T0 + MINUTE)).toMatchObject({ status: 'in-progress', targetMs: null })
  })

  it('put everything the header shows in one answer', () => {
    const figures = deploymentFigures({
      rollout: deployed(),
      rollback: null,
      incidents: [{ id: 'inc-1', severity: 'medium', detectedAt: T0 + MINUTE, decidedAt: null }],
      now: T0 + 30 * MINUTE
    })
    expect(figures.deployment.status).toBe('met')
    expect(figures.rollback.status).toBe('not-started')
    expect(figures.decisions).toEqual([
      { incidentId: 'inc-1', figure: { startedAt: T0 + MINUTE, endedAt: null, elapsedMs: 29 * MINUTE, targetMs: 240 * MINUTE, status: 'in-progress' } }
    ])
  })
})
