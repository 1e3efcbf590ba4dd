import { describe, expect, it } from 'vitest'
import { rolloutStateSchema, type CanaryPlan, type RolloutState } from '../../../src/shared/rollout'
import { newRollout } from '../../../src/main/rollout/plan-compile'
import {
  abort,
  advance,
  applyDueEvents,
  beginRollback,
  currentStepIndex,
  dueEvents,
  finishRollback,
  hold,
  nextDueAt,
  recordActionResult,
  recordGateResult,
  replacePlan,
  resume,
  start,
  timeLeft
} from '../../../src/main/rollout/rollout-machine'
import { MINUTE, SECOND, T0, accepted, dana, olu, priya, refusal, sam } from './helpers'

/** The end-to-end shape from the issue: a canary edited to three steps with short soaks. */
const threeSteps: CanaryPlan = {
  strategy: 'canary',
  steps: [
    { id: 'c5', label: '5% of traffic', trafficPercent: 5, soakSeconds: 60, gate: 'health' },
    { id: 'c50', label: '50% of traffic', trafficPercent: 50, soakSeconds: 120, gate: 'health' },
    { id: 'c100', label: '100% of traffic', trafficPercent: 100, soakSeconds: 60, gate: 'none' }
  ]
}

/** Every state the machine hands back must be one the store can read back. */
function valid(state: RolloutState): RolloutState {
  return rolloutStateSchema.parse(state)
}

function started(plan: CanaryPlan = threeSteps, now = T0): RolloutState {
  return valid(accepted(start(newRollout(plan), { actor: dana, now })).state)
}

/** Soak of the first step ended and its gate passed, at T0 + 61 s. */
function firstStepPassed(): RolloutState {
  const due = applyDueEvents(started(), T0 + 61 * SECOND).state
  return accepted(recordGateResult(due, { stepId: 'c5', result: 'pass', by: 'signals', values: { errorRate: 0.01 }, now: T0 + 61 * SECOND })).state
}

function held(): RolloutState {
  return accepted(hold(started(), { actor: sam, reason: 'p95 looks jumpy', now: T0 + 10 * SECOND })).state
}

describe('starting a rollout', () => {
  it('starts the first step and its soak, and says so', () => {
    const t = accepted(start(newRollout(threeSteps), { actor: dana, now: T0 }))
    expect(t.state.status).toBe('running')
    expect(t.state.startedAt).toBe(T0)
    expect(t.state.startedBy).toEqual(dana)
    expect(t.state.steps[0]).toMatchObject({ state: 'soaking', startedAt: T0, soakStartedAt: T0, soakEndsAt: T0 + 60 * SECOND })
    expect(t.state.steps[1].state).toBe('pending')
    expect(t.effects).toEqual([
      { kind: 'notify', text: 'Dana Okafor started the rollout with "5% of traffic".' },
      { kind: 'notify', text: '"5% of traffic" is soaking for 1m.' }
    ])
    valid(t.state)
  })

  it('refuses an observer, a second start and a plan with no steps, naming each', () => {
    expect(refusal(start(newRollout(threeSteps), { actor: olu, now: T0 }))).toEqual([
      'Observers can watch and add notes but not start the rollout; ask a participant with a role in this window.'
    ])
    expect(refusal(start(started(), { actor: dana, now: T0 }))).toEqual(['The rollout has already started; it is running.'])
    const empty: RolloutState = { ...newRollout(threeSteps), steps: [] }
    expect(refusal(start(empty, { actor: dana, now: T0 }))).toEqual(['The plan has no steps; add at least one before starting.'])
  })

  it('lets the plan change until the rollout starts, and not after', () => {
    const edited = accepted(replacePlan(newRollout(threeSteps), { ...threeSteps, steps: threeSteps.steps.slice(1) }))
    expect(edited.state.steps.map((s) => s.id)).toEqual(['c50', 'c100'])
    expect(refusal(replacePlan(started(), threeSteps))).toEqual(['The plan can be edited only before the rollout starts; this rollout is running.'])
  })
})

describe('soak timing from persisted state', () => {
  it('counts the soak down from the persisted start, and reports it due only once it has ended', () => {
    const s = started()
    expect(timeLeft(s.steps[0], T0 + 15 * SECOND)).toBe(45 * SECOND)
    expect(timeLeft(s.steps[1], T0 + 15 * SECOND)).toBeNull()
    expect(dueEvents(s, T0 + 59 * SECOND)).toEqual([])
    expect(dueEvents(s, T0 + 60 * SECOND)).toEqual([{ kind: 'soak-ended', stepId: 'c5', at: T0 + 60 * SECOND }])
    expect(nextDueAt(s)).toBe(T0 + 60 * SECOND)
  })

  it('resumes with the right time left after a restart mid-soak', () => {
    const beforeRestart = started()
    // The store writes JSON and a new process reads it back: nothing survives but the persisted fields.
    const afterRestart = rolloutStateSchema.parse(JSON.parse(JSON.stringify(beforeRestart)))
    const restartedAt = T0 + 42 * SECOND
    expect(timeLeft(afterRestart.steps[0], restartedAt)).toBe(18 * SECOND)
    expect(nextDueAt(afterRestart)).toBe(T0 + 60 * SECOND)
    expect(dueEvents(afterRestart, restartedAt)).toEqual([])
    expect(dueEvents(afterRestart, T0 + 60 * SECOND)).toHaveLength(1)
  })

  it('ends a soak that finished while the process was down at the time it really ended', () => {
    const plan: CanaryPlan = {
      strategy: 'canary',
      steps: [{ id: 'all', label: '100% of traffic', trafficPercent: 100, soakSeconds: 300, gate: 'none' }]
    }
    const s = started(plan)
    const back = applyDueEvents(s, T0 + 2 * 3600 * SECOND)
    expect(back.state.steps[0]).toMatchObject({ state: 'passed', finishedAt: T0 + 300 * SECOND })
    expect(back.effects).toEqual([{ kind: 'notify', text: '"100% of traffic" finished its soak and passed (it has no gate). Advance when ready.' }])
  })

  it('asks for the health gate to be evaluated when a soak ends, and does nothing before', () => {
    expect(applyDueEvents(started(), T0 + 30 * SECOND).effects).toEqual([])
    const t = applyDueEvents(started(), T0 + 60 * SECOND)
    expect(t.state.steps[0].state).toBe('awaiting-gate')
    expect(t.effects[0]).toEqual({ kind: 'evaluate-gate', stepId: 'c5' })
    expect(dueEvents(t.state, T0 + 90 * SECOND)).toEqual([])
  })

  it('keeps the soak counting while the rollout is held, and stops it once the rollout is aborted', () => {
    const h = held()
    expect(timeLeft(h.steps[0], T0 + 30 * SECOND)).toBe(30 * SECOND)
    expect(dueEvents(h, T0 + 60 * SECOND)).toHaveLength(1)
    const aborted = accepted(abort(h, { actor: dana, reason: 'wrong build', now: T0 + 20 * SECOND })).state
    expect(dueEvents(aborted, T0 + 60 * SECOND)).toEqual([])
    expect(nextDueAt(aborted)).toBeNull()
  })

  it('treats an indefinite pause as a manual step that waits for a person at once', () => {
    const plan: CanaryPlan = {
      strategy: 'canary',
      steps: [
        { id: 'c20', label: '20% of traffic', trafficPercent: 20, soakSeconds: null, gate: 'manual' },
        { id: 'c100', label: '100% of traffic', trafficPercent: 100, soakSeconds: 0, gate: 'none' }
      ]
    }
    const t = accepted(start(newRollout(plan), { actor: dana, now: T0 }))
    expect(t.state.steps[0]).toMatchObject({ state: 'awaiting-gate', soakEndsAt: null })
    expect(nextDueAt(t.state)).toBeNull()
    const passed = accepted(recordGateResult(t.state, { stepId: 'c20', result: 'pass', by: 'manual', actor: sam, rationale: 'dashboards clean', now: T0 + 5 * MINUTE }))
    expect(passed.state.steps[0].verdict).toMatchObject({ result: 'pass', by: 'manual', actor: sam, rationale: 'dashboards clean' })
    // Zero soak and no gate: the last step passes the moment it starts.
    const last = accepted(advance(passed.state, { actor: dana, now: T0 + 6 * MINUTE }))
    expect(last.state.steps[1]).toMatchObject({ state: 'passed', finishedAt: T0 + 6 * MINUTE })
    expect(accepted(advance(last.state, { actor: dana, now: T0 + 7 * MINUTE })).state.status).toBe('completed')
  })
})

describe('gates', () => {
  it('passes a gate after the soak and leaves advancing to a person', () => {
    const s = firstStepPassed()
    expect(s.steps[0]).toMatchObject({ state: 'passed', finishedAt: T0 + 61 * SECOND })
    expect(s.steps[0].verdict).toEqual({ result: 'pass', by: 'signals', values: { errorRate: 0.01 }, at: T0 + 61 * SECOND })
    expect(s.steps[1].state).toBe('pending')
    expect(currentStepIndex(s)).toBe(1)
    valid(s)
  })

  it('holds the rollout on a failed gate and asks for a high incident', () => {
    const s = accepted(advance(firstStepPassed(), { actor: dana, now: T0 + 2 * MINUTE })).state
    const due = applyDueEvents(s, T0 + 4 * MINUTE).state
    const t = accepted(
      recordGateResult(due, { stepId: 'c50', result: 'fail', by: 'manual', actor: sam, rationale: 'checkout errors at 4%', now: T0 + 4 * MINUTE })
    )
    expect(t.state.status).toBe('held')
    expect(t.state.hold).toEqual({
      reason: 'The gate of "50% of traffic" failed by Sam Lee: checkout errors at 4%',
      cause: 'gate',
      by: sam,
      at: T0 + 4 * MINUTE
    })
    expect(t.state.steps[1].state).toBe('failed')
    expect(t.effects[0]).toEqual({
      kind: 'open-incident',
      severity: 'high',
      summary: 'Gate failed at "50% of traffic" by Sam Lee: checkout errors at 4%',
      stepId: 'c50'
    })
    valid(t.state)
  })

  it('lets a gate fail early during its soak, with the severity the caller chose', () => {
    const t = accepted(recordGateResult(started(), { stepId: 'c5', result: 'fail', by: 'signals', severity: 'critical', now: T0 + 20 * SECOND }))
    expect(t.state.steps[0].state).toBe('failed')
    expect(t.effects[0]).toMatchObject({ kind: 'open-incident', severity: 'critical' })
    expect(dueEvents(t.state, T0 + 60 * SECOND)).toEqual([])
  })

  it('keeps an existing hold when a gate fails while held', () => {
    const t = accepted(recordGateResult(held(), { stepId: 'c5', result: 'fail', by: 'signals', now: T0 + 20 * SECOND }))
    expect(t.state.hold?.reason).toBe('p95 looks jumpy')
    expect(t.effects.map((e) => e.kind)).toEqual(['open-incident', 'notify'])
  })

  it('refuses manual verdicts without a person, from the wrong role, from an observer or without a rationale', () => {
    const due = applyDueEvents(started(), T0 + 60 * SECOND).state
    const base = { stepId: 'c5', result: 'pass', by: 'manual', now: T0 + 61 * SECOND } as const
    expect(refusal(recordGateResult(due, { ...base, rationale: 'fine' }))).toEqual(['A manual gate verdict must name the person giving it.'])
    expect(refusal(recordGateResult(due, { ...base, actor: priya, rationale: 'fine' }))).toEqual([
      'Only the SRE or the DevOps lead can pass or fail a gate by hand; Priya Raman is the Product owner.'
    ])
    expect(refusal(recordGateResult(due, { ...base, actor: olu, rationale: 'fine' }))).toEqual([
      'Observers can watch and add notes but not judge a gate; ask a participant with a role in this window.'
    ])
    expect(refusal(recordGateResult(due, { ...base, actor: sam, rationale: '  ' }))).toEqual([
      'Say why the gate of "5% of traffic" passes: a rationale is required.'
    ])
  })

  it('refuses a verdict for a step without a gate, or signals judging a manual gate', () => {
    const plan: CanaryPlan = {
      strategy: 'canary',
      steps: [
        { id: 'c10', label: '10% of traffic', trafficPercent: 10, soakSeconds: 0, gate: 'manual' },
        { id: 'c100', label: '100% of traffic', trafficPercent: 100, soakSeconds: 30, gate: 'none' }
      ]
    }
    const s = started(plan)
    expect(refusal(recordGateResult(s, { stepId: 'c10', result: 'pass', by: 'signals', now: T0 }))).toEqual([
      '"10% of traffic" has a manual gate: a person passes or fails it, not the signals.'
    ])
    const second = accepted(advance(accepted(recordGateResult(s, { stepId: 'c10', result: 'pass', by: 'manual', actor: dana, rationale: 'ok', now: T0 })).state, { actor: dana, now: T0 })).state
    expect(refusal(recordGateResult(second, { stepId: 'c100', result: 'fail', by: 'signals', now: T0 }))).toEqual([
      '"100% of traffic" has no gate to pass or fail; it passes when its soak ends.'
    ])
  })

  it('refuses a verdict for a step in the wrong state, naming the state', () => {
    const s = started()
    const at = { result: 'pass', by: 'signals', now: T0 + 15 * SECOND } as const
    expect(refusal(recordGateResult(s, { ...at, stepId: 'c50' }))).toEqual(['"50% of traffic" has not started; its gate cannot be judged yet.'])
    expect(refusal(recordGateResult(s, { ...at, stepId: 'c5' }))).toEqual([
      '"5% of traffic" is still soaking (45s left); its gate can pass only when the soak ends.'
    ])
    expect(refusal(recordGateResult(s, { ...at, stepId: 'nope' }))).toEqual(['No step "nope" in this rollout; its steps are c5, c50, c100.'])
    const passed = firstStepPassed()
    expect(refusal(recordGateResult(passed, { ...at, stepId: 'c5' }))).toEqual(['"5% of traffic" has already passed its gate.'])
    const failed = accepted(recordGateResult(s, { stepId: 'c5', result: 'fail', by: 'signals', now: T0 + 20 * SECOND })).state
    const resumed = accepted(resume(failed, { actor: dana, now: T0 + 21 * SECOND })).state
    expect(refusal(recordGateResult(resumed, { ...at, stepId: 'c5' }))).toEqual([
      '"5% of traffic" has already failed its gate; advance with an override or roll back.'
    ])
    const aborted = accepted(abort(s, { actor: dana, reason: 'stop', now: T0 + SECOND })).state
    expect(refusal(recordGateResult(aborted, { ...at, stepId: 'c5' }))).toEqual(['The rollout was aborted ("stop"); you cannot judge a gate any more.'])
    expect(refusal(recordGateResult(newRollout(threeSteps), { ...at, stepId: 'c5' }))).toEqual([
      'The rollout has not started; start it before you judge a gate.'
    ])
  })

  it('refuses a verdict on a skipped step', () => {
    const rolling = accepted(beginRollback(started(), { actor: dana, reason: 'bad', now: T0 + SECOND })).state
    // A rollout being rolled back takes no verdicts at all; the skipped state is reported for one that is running.
    expect(refusal(recordGateResult(rolling, { stepId: 'c5', result: 'pass', by: 'signals', now: T0 }))[0]).toMatch(/being rolled back/)
    const skipped: RolloutState = { ...started(), steps: started().steps.map((s, i) => (i === 1 ? { ...s, state: 'skipped' } : s)) }
    expect(refusal(recordGateResult(skipped, { stepId: 'c50', result: 'fail', by: 'signals', now: T0 }))).toEqual([
      '"50% of traffic" was skipped; there is no gate left to judge.'
    ])
  })
})

describe('advancing', () => {
  it('starts the next step once the current one passed, and completes after the last', () => {
    const s1 = accepted(advance(firstStepPassed(), { actor: dana, now: T0 + 2 * MINUTE }))
    expect(s1.state.steps[1]).toMatchObject({ state: 'soaking', startedAt: T0 + 2 * MINUTE })
    expect(s1.effects[0]).toEqual({ kind: 'notify', text: 'Dana Okafor advanced the rollout to "50% of traffic".' })
    const due = applyDueEvents(s1.state, T0 + 4 * MINUTE).state
    const passed = accepted(recordGateResult(due, { stepId: 'c50', result: 'pass', by: 'signals', now: T0 + 4 * MINUTE })).state
    const last = accepted(advance(passed, { actor: dana, now: T0 + 5 * MINUTE })).state
    const lastDone = applyDueEvents(last, T0 + 6 * MINUTE).state
    expect(lastDone.steps[2].state).toBe('passed')
    const done = accepted(advance(lastDone, { actor: dana, now: T0 + 7 * MINUTE }))
    expect(done.state).toMatchObject({ status: 'completed', endedAt: T0 + 7 * MINUTE, endedBy: dana })
    valid(done.state)
  })

  it('needs an override to leave a soaking, waiting, running or failed gate behind', () => {
    const soaking = started()
    expect(refusal(advance(soaking, { actor: dana, now: T0 + 20 * SECOND }))).toEqual([
      '"5% of traffic" is still soaking (40s left) and its gate has not been evaluated; advancing now needs an override with a rationale.'
    ])
    const waiting = applyDueEvents(soaking, T0 + 60 * SECOND).state
    expect(refusal(advance(waiting, { actor: dana, now: T0 + 61 * SECOND }))).toEqual([
      '"5% of traffic" is waiting for its health gate; pass it, or advance with an override and a rationale.'
    ])
    const failed = accepted(recordGateResult(waiting, { stepId: 'c5', result: 'fail', by: 'signals', rationale: 'error rate 3%', now: T0 + 62 * SECOND })).state
    const resumed = accepted(resume(failed, { actor: dana, now: T0 + 63 * SECOND })).state
    expect(refusal(advance(resumed, { actor: dana, now: T0 + 64 * SECOND }))).toEqual([
      '"5% of traffic" failed its gate (on its signals: "error rate 3%"); advancing past it needs an override with a rationale.'
    ])
    const withAction: CanaryPlan = {
      strategy: 'canary',
      steps: [{ id: 'all', label: 'All traffic', trafficPercent: 100, soakSeconds: 60, gate: 'health', action: { url: 'https://cd.example.com/promote' } }]
    }
    expect(refusal(advance(started(withAction), { actor: dana, now: T0 }))).toEqual([
      '"All traffic" is still running its action; advancing before its soak and gate needs an override with a rationale.'
    ])
  })

  it('names the person in a failed manual verdict', () => {
    const waiting = applyDueEvents(started(), T0 + 60 * SECOND).state
    const failed = accepted(recordGateResult(waiting, { stepId: 'c5', result: 'fail', by: 'manual', actor: sam, rationale: 'latency', now: T0 + 61 * SECOND })).state
    const resumed = accepted(resume(failed, { actor: dana, now: T0 + 62 * SECOND })).state
    expect(refusal(advance(resumed, { actor: dana, now: T0 + 63 * SECOND }))[0]).toBe(
      '"5% of traffic" failed its gate (by Sam Lee: "latency"); advancing past it needs an override with a rationale.'
    )
  })

  it('advances past a failed gate with an override, keeping the verdict it overrode', () => {
    const failed = accepted(recordGateResult(started(), { stepId: 'c5', result: 'fail', by: 'signals', now: T0 + 20 * SECOND })).state
    const resumed = accepted(resume(failed, { actor: dana, now: T0 + 30 * SECOND })).state
    expect(refusal(advance(resumed, { actor: dana, now: T0 + 31 * SECOND, override: { rationale: ' ' } }))).toEqual([
      'An override needs a rationale: say why it is safe to advance past "5% of traffic".'
    ])
    const t = accepted(advance(resumed, { actor: dana, now: T0 + 31 * SECOND, override: { rationale: 'a known flaky probe, confirmed by hand' } }))
    expect(t.state.steps[0]).toMatchObject({
      state: 'passed',
      verdict: { result: 'pass', by: 'override', actor: dana, rationale: 'a known flaky probe, confirmed by hand' },
      overridden: { result: 'fail', by: 'signals' }
    })
    expect(t.state.steps[1].state).toBe('soaking')
    expect(t.effects[0]).toEqual({ kind: 'notify', text: 'Dana Okafor overrode the gate of "5% of traffic": "a known flaky probe, confirmed by hand".' })
    valid(t.state)
  })

  it('completes the rollout when an override passes the last step', () => {
    const plan: CanaryPlan = { strategy: 'canary', steps: [{ id: 'all', label: 'All', trafficPercent: 100, soakSeconds: 600, gate: 'health' }] }
    const t = accepted(advance(started(plan), { actor: dana, now: T0 + MINUTE, override: { rationale: 'window closing, metrics clean' } }))
    expect(t.state.status).toBe('completed')
    expect(t.state.steps[0].overridden).toBeNull()
  })

  it('refuses to advance for an observer, or a rollout that is not running, with the reason for each state', () => {
    expect(refusal(advance(started(), { actor: olu, now: T0 }))).toEqual([
      'Observers can watch and add notes but not advance the rollout; ask a participant with a role in this window.'
    ])
    expect(refusal(advance(newRollout(threeSteps), { actor: dana, now: T0 }))).toEqual(['The rollout has not started; start it before you advance.'])
    expect(refusal(advance(held(), { actor: dana, now: T0 }))).toEqual(['The rollout is held ("p95 looks jumpy"); resume it before you advance.'])
    const aborted = accepted(abort(started(), { actor: dana, reason: 'wrong build', now: T0 + SECOND })).state
    expect(refusal(advance(aborted, { actor: dana, now: T0 }))).toEqual(['The rollout was aborted ("wrong build"); you cannot advance any more.'])
    const rolling = accepted(beginRollback(started(), { actor: dana, reason: 'errors', now: T0 + SECOND })).state
    expect(refusal(advance(rolling, { actor: dana, now: T0 }))).toEqual([
      'The rollout is being rolled back; you cannot advance. Finish the rollback procedure instead.'
    ])
    const rolledBack = accepted(finishRollback(rolling, { now: T0 + 5 * MINUTE })).state
    expect(refusal(advance(rolledBack, { actor: dana, now: T0 }))).toEqual(['The rollout was rolled back ("errors"); you cannot advance any more.'])
    const plan: CanaryPlan = { strategy: 'canary', steps: [{ id: 'all', label: 'All', trafficPercent: 100, soakSeconds: 0, gate: 'none' }] }
    const completed = accepted(advance(started(plan), { actor: dana, now: T0 })).state
    expect(refusal(advance(completed, { actor: dana, now: T0 }))).toEqual([
      'The rollout is complete; you cannot advance any more. Open an incident if something is wrong.'
    ])
  })
})

describe('hold, resume and abort', () => {
  it('holds with a reason and resumes', () => {
    const h = held()
    expect(h.status).toBe('held')
    expect(h.hold).toEqual({ reason: 'p95 looks jumpy', cause: 'person', by: sam, at: T0 + 10 * SECOND })
    const r = accepted(resume(h, { actor: dana, now: T0 + 20 * SECOND }))
    expect(r.state).toMatchObject({ status: 'running', hold: null })
    expect(r.effects).toEqual([{ kind: 'notify', text: 'Dana Okafor resumed the rollout.' }])
  })

  it('refuses a hold without a reason, twice, by an observer or before the start, giving every reason at once', () => {
    expect(refusal(hold(started(), { actor: olu, reason: '', now: T0 }))).toEqual([
      'Observers can watch and add notes but not hold the rollout; ask a participant with a role in this window.',
      'Say why you are holding the rollout: a reason is required.'
    ])
    expect(refusal(hold(held(), { actor: dana, reason: 'again', now: T0 }))).toEqual(['The rollout is already held: "p95 looks jumpy".'])
    expect(refusal(hold(newRollout(threeSteps), { actor: dana, reason: 'early', now: T0 }))).toEqual([
      'The rollout has not started; start it before you hold it.'
    ])
  })

  it('refuses to resume a rollout that is not held', () => {
    expect(refusal(resume(started(), { actor: dana, now: T0 }))).toEqual(['The rollout is not held; there is nothing to resume.'])
    expect(refusal(resume(held(), { actor: olu, now: T0 }))[0]).toMatch(/^Observers can watch/)
    expect(refusal(resume(newRollout(threeSteps), { actor: dana, now: T0 }))).toEqual(['The rollout has not started; start it before you resume it.'])
  })

  it('aborts with a reason, stopping every step not yet decided', () => {
    const t = accepted(abort(firstStepPassed(), { actor: dana, reason: 'wrong artifact', now: T0 + 2 * MINUTE }))
    expect(t.state).toMatchObject({ status: 'aborted', endedAt: T0 + 2 * MINUTE, endedBy: dana, endedReason: 'wrong artifact' })
    expect(t.state.steps.map((s) => s.state)).toEqual(['passed', 'skipped', 'skipped'])
    const mid = accepted(abort(started(), { actor: dana, reason: 'x', now: T0 + 5 * SECOND })).state
    expect(mid.steps[0]).toMatchObject({ state: 'skipped', finishedAt: T0 + 5 * SECOND })
    valid(t.state)
  })

  it('refuses an abort without a reason, before the start, twice or by an observer', () => {
    expect(refusal(abort(started(), { actor: dana, reason: '', now: T0 }))).toEqual(['Say why you are aborting the rollout: a reason is required.'])
    expect(refusal(abort(newRollout(threeSteps), { actor: dana, reason: 'no', now: T0 }))).toEqual([
      'The rollout has not started, so there is nothing to abort; abort the release instead if it should not ship.'
    ])
    const aborted = accepted(abort(started(), { actor: dana, reason: 'stop', now: T0 })).state
    expect(refusal(abort(aborted, { actor: dana, reason: 'again', now: T0 }))).toEqual([
      'The rollout was aborted ("stop"); you cannot abort it any more.'
    ])
    expect(refusal(abort(started(), { actor: olu, reason: 'x', now: T0 }))[0]).toMatch(/^Observers can watch/)
  })
})

describe('rolling back', () => {
  it('rolls back a completed rollout, keeping when the deployment ended', () => {
    const plan: CanaryPlan = { strategy: 'canary', steps: [{ id: 'all', label: 'All', trafficPercent: 100, soakSeconds: 0, gate: 'none' }] }
    const completed = accepted(advance(started(plan), { actor: dana, now: T0 + MINUTE })).state
    const rolling = accepted(beginRollback(completed, { actor: dana, reason: 'orders failing', now: T0 + 10 * MINUTE })).state
    expect(rolling).toMatchObject({ status: 'rolling-back', endedAt: T0 + MINUTE, endedReason: 'orders failing' })
    const done = accepted(finishRollback(rolling, { now: T0 + 20 * MINUTE }))
    expect(done.state).toMatchObject({ status: 'rolled-back', rolledBackAt: T0 + 20 * MINUTE })
    expect(done.effects).toEqual([{ kind: 'notify', text: 'The rollback is complete: "orders failing".' }])
    valid(done.state)
  })

  it('refuses a rollback without a reason, before the start, or twice; and a finish without a rollback', () => {
    expect(refusal(beginRollback(started(), { actor: dana, reason: ' ', now: T0 }))).toEqual([
      'Say why you are rolling back: a reason is required, and it goes on the release record.'
    ])
    expect(refusal(beginRollback(newRollout(threeSteps), { actor: dana, reason: 'x', now: T0 }))).toEqual([
      'The rollout has not started, so there is nothing to roll back.'
    ])
    const rolling = accepted(beginRollback(held(), { actor: dana, reason: 'x', now: T0 })).state
    expect(refusal(beginRollback(rolling, { actor: dana, reason: 'x', now: T0 }))[0]).toMatch(/being rolled back/)
    expect(refusal(beginRollback(started(), { actor: olu, reason: 'x', now: T0 }))[0]).toMatch(/^Observers can watch/)
    expect(refusal(finishRollback(started(), { now: T0 }))).toEqual(['The rollout is running, so you cannot finish a rollback now.'])
    const rolledBack = accepted(finishRollback(rolling, { now: T0 })).state
    expect(refusal(finishRollback(rolledBack, { now: T0 }))).toEqual(['The rollout is already rolled back.'])
  })
})

describe('step actions', () => {
  const withAction: CanaryPlan = {
    strategy: 'canary',
    steps: [
      { id: 'c25', label: '25% of traffic', trafficPercent: 25, soakSeconds: 120, gate: 'health', action: { url: 'https://cd.example.com/promote' } },
      { id: 'c100', label: '100% of traffic', trafficPercent: 100, soakSeconds: 0, gate: 'none' }
    ]
  }

  it('asks the caller to POST the action, and starts the soak once it succeeded', () => {
    const t = accepted(start(newRollout(withAction), { actor: dana, now: T0 }))
    expect(t.state.steps[0]).toMatchObject({ state: 'running', soakStartedAt: null })
    expect(t.effects[1]).toEqual({ kind: 'run-step-action', stepId: 'c25', url: 'https://cd.example.com/promote' })
    const ok = accepted(recordActionResult(t.state, { stepId: 'c25', ok: true, httpStatus: 202, durationMs: 340, now: T0 + SECOND }))
    expect(ok.state.steps[0]).toMatchObject({
      state: 'soaking',
      soakStartedAt: T0 + SECOND,
      soakEndsAt: T0 + 121 * SECOND,
      actionOutcome: { ok: true, httpStatus: 202, durationMs: 340, detail: null, at: T0 + SECOND }
    })
    expect(ok.effects[0]).toEqual({
      kind: 'notify',
      text: 'The action for "25% of traffic" succeeded: POST https://cd.example.com/promote answered 202 after 340 ms.'
    })
    valid(ok.state)
  })

  it('holds the rollout when the action fails, and retries it on resume', () => {
    const s = started(withAction)
    const failed = accepted(recordActionResult(s, { stepId: 'c25', ok: false, httpStatus: 502, durationMs: 1200, detail: 'Bad Gateway', now: T0 + 2 * SECOND }))
    expect(failed.state.status).toBe('held')
    expect(failed.state.hold).toMatchObject({
      cause: 'action',
      by: null,
      reason: 'The action for "25% of traffic" failed: POST https://cd.example.com/promote answered 502 after 1200 ms (Bad Gateway)'
    })
    expect(failed.state.steps[0].state).toBe('running')
    const resumed = accepted(resume(failed.state, { actor: dana, now: T0 + MINUTE }))
    expect(resumed.effects).toContainEqual({ kind: 'run-step-action', stepId: 'c25', url: 'https://cd.example.com/promote' })
  })

  it('refuses an action result for a step that is not waiting for one, or an unknown step', () => {
    const soaking = accepted(recordActionResult(started(withAction), { stepId: 'c25', ok: true, httpStatus: 200, durationMs: 5, now: T0 })).state
    expect(refusal(recordActionResult(soaking, { stepId: 'c25', ok: true, httpStatus: 200, durationMs: 5, now: T0 }))).toEqual([
      '"25% of traffic" is not waiting for an action result (it is soaking).'
    ])
    expect(refusal(recordActionResult(soaking, { stepId: 'x', ok: true, httpStatus: 200, durationMs: 5, now: T0 }))[0]).toMatch(/^No step "x"/)
    expect(refusal(recordActionResult(newRollout(withAction), { stepId: 'c25', ok: true, httpStatus: 200, durationMs: 5, now: T0 }))).toEqual([
      'The rollout has not started; start it before you record a step action.'
    ])
  })
})
