import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import type { Release } from '../../src/shared/release'
import type { Actor } from '../../src/shared/roles'
import type { RolloutView, IncidentView } from '../../src/shared/room-rollout'
import type { ArgoImportSummary } from '../../src/shared/api-rollout'
import type { RollbackProcedure } from '../../src/shared/rollout'
import type { TimelineEntry } from '../../src/shared/timeline'
import { countRows, testRoom } from '../support/room'
import { releaseInput } from '../support/fixtures'
import { advanceTo, caller, people, threeSteps } from '../unit/rollout/room-helpers'

let t: ReturnType<typeof testRoom>
beforeEach(() => {
  t = testRoom()
})
afterEach(() => t.dispose())

const { call, refusal, get } = caller(() => t.room)
const dana = people['devops-lead']
const sam = people.sre
const MINUTE = 60_000

function newRelease(overrides = {}): string {
  return call<Release>('releases.create', releaseInput(overrides)).id
}
const timeline = (releaseId: string) => call<TimelineEntry[]>('timeline.list', { releaseId, limit: 5000 })

describe('the rollout plan', () => {
  it('shows the default plan before first use, and copies the template into the release when the plan is first set', () => {
    const id = newRelease()
    const before = get(id)
    expect(before.rollout).toMatchObject({ copied: false, editable: true, state: { status: 'not-started' } })
    expect(before.rollout.state.steps.map((s) => s.trafficPercent)).toEqual([5, 25, 50, 100])
    expect(countRows(t.room, 'rollouts')).toBe(0)

    const view = call<RolloutView>('rollout.plan.set', { releaseId: id, plan: threeSteps(5), actor: dana })
    expect(view).toMatchObject({ copied: true, editable: true })
    expect(view.state.steps.map((s) => [s.id, s.state, s.soakSeconds])).toEqual([
      ['canary-5', 'pending', 5],
      ['canary-25', 'pending', 5],
      ['canary-100', 'pending', 5]
    ])
    expect(view.template.rollback.targetMinutes).toBe(15)
    expect(view.template.decisionTree.root).toBe('is-critical')
    expect(timeline(id)[0]).toMatchObject({ kind: 'rollout.plan-set', actor: dana, summary: 'Set the rollout plan: 5% for 5s → 25% for 5s → 100% for 5s' })
  })

  it('refuses a plan from anyone but the drivers, of another strategy, or that fails its schema, and saves nothing', () => {
    const id = newRelease()
    expect(refusal('rollout.plan.set', { releaseId: id, plan: threeSteps(), actor: sam }).message).toBe(
      'Only the DevOps lead or the accountable owner (Dana Okafor) can change the rollout plan.'
    )
    expect(refusal('rollout.plan.set', { releaseId: id, plan: { strategy: 'rolling', instances: 10, batchSize: 2, soakSeconds: 60 }, actor: dana }).message).toMatch(
      /^This release uses the Canary strategy; a Rolling plan does not fit it/
    )
    const partial = threeSteps()
    partial.steps[2].trafficPercent = 80
    const bad = refusal('rollout.plan.set', { releaseId: id, plan: partial, actor: dana })
    expect(bad.code).toBe('invalid_input')
    expect(bad.issues).toContainEqual({ path: 'plan.steps.2.trafficPercent', message: expect.stringMatching(/end at 100%/) })
    expect(countRows(t.room, 'rollouts')).toBe(0)
    expect(timeline(id)).toHaveLength(1)
  })

  it('imports canary steps from an Argo Rollouts manifest; a manifest it cannot read names the field and line and saves nothing', () => {
    const id = newRelease()
    const manifest = readFileSync('test/fixtures/argo/basic-canary.yaml', 'utf8')
    const imported = call<ArgoImportSummary>('rollout.plan.importArgo', { releaseId: id, manifest, actor: dana })
    expect(imported.rolloutName).toBe('rollouts-demo')
    expect(imported.rollout.state.steps.map((s) => [s.trafficPercent, s.soakSeconds, s.gate])).toEqual([
      [20, null, 'manual'],
      [40, 10, 'health'],
      [60, 10, 'health'],
      [80, 10, 'health'],
      [100, 0, 'none']
    ])
    expect(imported.notes[0]).toMatch(/adds that as a final 100% step/)
    expect(timeline(id)[0]).toMatchObject({ kind: 'rollout.plan-set', data: { source: 'argo', rolloutName: 'rollouts-demo' } })

    const entries = countRows(t.room, 'timeline')
    const error = refusal('rollout.plan.importArgo', { releaseId: id, manifest: readFileSync('test/fixtures/argo/bad-duration.yaml', 'utf8'), actor: dana })
    expect(error.code).toBe('invalid_input')
    expect(error.issues).toEqual([{ path: 'spec.strategy.canary.steps[2].pause.duration (line 24)', message: '"ten minutes" is not a duration like 30s, 10m or 1h' }])
    expect(countRows(t.room, 'timeline')).toBe(entries)
    expect(get(id).rollout.state.steps).toHaveLength(5)

    const rolling = newRelease({ strategy: 'rolling' })
    expect(refusal('rollout.plan.importArgo', { releaseId: rolling, manifest, actor: dana }).message).toMatch(/this release uses the Rolling strategy/)
  })

  it('locks the plan once the release reaches production', () => {
    const id = newRelease()
    advanceTo(() => t.room, id, 'production')
    expect(get(id).rollout.editable).toBe(false)
    expect(refusal('rollout.plan.set', { releaseId: id, plan: threeSteps(), actor: dana }).message).toBe(
      'The plan can be changed only before production; this release is in production. Hold or abort the rollout instead.'
    )
  })
})

describe('running the rollout', () => {
  it('starts only in production: staging is the dress rehearsal', () => {
    const id = newRelease()
    call('rollout.plan.set', { releaseId: id, plan: threeSteps(60), actor: dana })
    expect(refusal('rollout.start', { releaseId: id, actor: dana }).message).toMatch(/^The rollout starts once the release is in production; it is in planning/)
    advanceTo(() => t.room, id, 'staging')
    expect(refusal('rollout.start', { releaseId: id, actor: dana }).message).toMatch(/^The rollout starts in production\. Staging is the dress rehearsal/)
    advanceTo(() => t.room, id, 'production')
    expect(refusal('rollout.start', { releaseId: id, actor: sam }).message).toBe('Only the DevOps lead or the accountable owner (Dana Okafor) can start the rollout.')

    const started = call<RolloutView>('rollout.start', { releaseId: id, actor: dana })
    const now = t.clock.now()
    expect(started.state).toMatchObject({ status: 'running', startedAt: now, startedBy: dana })
    expect(started.state.steps[0]).toMatchObject({ state: 'soaking', soakStartedAt: now, soakEndsAt: now + 60_000 })
    expect(refusal('rollout.start', { releaseId: id, actor: dana }).message).toMatch(/already started; it is running/)
    expect(timeline(id)[0]).toMatchObject({ kind: 'rollout.started', summary: expect.stringContaining('Dana Okafor started the rollout') })
  })

  it('holds on a failed gate with an incident, passes only with an override vote, and keeps both verdicts', () => {
    const id = newRelease()
    call('rollout.plan.set', { releaseId: id, plan: threeSteps(60), actor: dana })
    advanceTo(() => t.room, id, 'production')
    call('rollout.start', { releaseId: id, actor: dana })

    expect(refusal('rollout.gate', { releaseId: id, stepId: 'canary-5', result: 'pass', rationale: 'Looks fine', actor: sam }).message).toMatch(
      /"5% of traffic" is still soaking \(1m left\); its gate can pass only when the soak ends/
    )
    expect(refusal('rollout.advance', { releaseId: id, actor: dana }).message).toMatch(/still soaking .* needs an override with a rationale/)
    t.clock.advance(60_000)
    // Without the service running nobody ended the soak; a gate verdict by hand still needs it ended.
    expect(refusal('rollout.gate', { releaseId: id, stepId: 'canary-5', result: 'pass', rationale: 'ok', actor: people['qa-lead'] }).message).toMatch(
      /Only the SRE or the DevOps lead can pass or fail a gate by hand/
    )

    // An early fail is allowed: waiting out a soak on a visibly broken step only spends the response time.
    const failed = call<RolloutView>('rollout.gate', { releaseId: id, stepId: 'canary-5', result: 'fail', rationale: 'Checkout errors at 4%', actor: sam })
    expect(failed.state).toMatchObject({ status: 'held', hold: { cause: 'gate' } })
    expect(failed.state.steps[0]).toMatchObject({ state: 'failed', verdict: { result: 'fail', by: 'manual', actor: sam, rationale: 'Checkout errors at 4%' } })
    const room = get(id)
    expect(room.incidents).toHaveLength(1)
    expect(room.incidents[0]).toMatchObject({
      severity: 'high',
      source: 'gate',
      stepId: 'canary-5',
      detectedAt: t.clock.now(),
      deadline: t.clock.now() + 60 * MINUTE,
      position: { kind: 'question', nodeId: 'is-critical' }
    })
    expect(timeline(id).slice(0, 2).map((e) => e.kind)).toEqual(['incident.opened', 'rollout.gate'])

    expect(refusal('rollout.advance', { releaseId: id, actor: dana }).message).toMatch(/The rollout is held .* resume it before you advance/)
    expect(refusal('rollout.resume', { releaseId: id, actor: sam }).message).toMatch(/Only the DevOps lead or the accountable owner/)
    call('rollout.resume', { releaseId: id, actor: dana })
    expect(refusal('rollout.advance', { releaseId: id, actor: dana }).message).toMatch(/failed its gate \(by Sam Lee: "Checkout errors at 4%"\); advancing past it needs an override/)
    const moved = call<RolloutView>('rollout.advance', { releaseId: id, override: { rationale: 'Errors are from a known bot; accepted by the owner' }, actor: dana })
    expect(moved.state.steps[0]).toMatchObject({
      state: 'passed',
      verdict: { result: 'pass', by: 'override', actor: dana },
      overridden: { result: 'fail', rationale: 'Checkout errors at 4%' }
    })
    expect(moved.state.steps[1].state).toBe('soaking')
    const [advanced, override] = timeline(id)
    expect(advanced.kind).toBe('rollout.advanced')
    expect(override).toMatchObject({
      kind: 'rollout.override',
      actor: dana,
      summary: 'DevOps lead voted to override the gate of "5% of traffic" (failed: Checkout errors at 4%): Errors are from a known bot; accepted by the owner',
      data: { verdict: 'override', stepId: 'canary-5' }
    })
  })

  it('lets the SRE hold on a doubtful signal, not the QA lead; abort needs a reason and ends the rollout', () => {
    const id = newRelease()
    advanceTo(() => t.room, id, 'production')
    call('rollout.start', { releaseId: id, actor: dana })
    expect(refusal('rollout.hold', { releaseId: id, reason: 'p95 creeping', actor: people['qa-lead'] }).message).toMatch(/Only the DevOps lead or the accountable owner/)
    expect(refusal('rollout.hold', { releaseId: id, reason: '  ', actor: sam }).code).toBe('invalid_input')
    const held = call<RolloutView>('rollout.hold', { releaseId: id, reason: 'p95 creeping up', actor: sam })
    expect(held.state).toMatchObject({ status: 'held', hold: { cause: 'person', reason: 'p95 creeping up', by: sam } })
    // The soak keeps counting while held: traffic stays at the step's level.
    expect(held.state.steps[0].state).toBe('soaking')
    const aborted = call<RolloutView>('rollout.abort', { releaseId: id, reason: 'Vendor outage upstream', actor: dana })
    expect(aborted.state).toMatchObject({ status: 'aborted', endedReason: 'Vendor outage upstream' })
    expect(aborted.state.steps.map((s) => s.state)).toEqual(['skipped', 'skipped', 'skipped', 'skipped'])
    expect(timeline(id)[0]).toMatchObject({ kind: 'rollout.aborted', data: { reason: 'Vendor outage upstream' } })
  })

  it('completes when the last step passes and measures deployment time against its target', () => {
    const id = newRelease()
    call('rollout.plan.set', {
      releaseId: id,
      plan: { strategy: 'canary', steps: [{ id: 'all', label: 'All traffic', trafficPercent: 100, soakSeconds: null, gate: 'manual' }] },
      actor: dana
    })
    advanceTo(() => t.room, id, 'production')
    call('rollout.start', { releaseId: id, actor: dana })
    t.clock.advance(12 * MINUTE)
    call('rollout.gate', { releaseId: id, stepId: 'all', result: 'pass', rationale: 'Smoke tests green', actor: sam })
    const done = call<RolloutView>('rollout.advance', { releaseId: id, actor: dana })
    expect(done.state.status).toBe('completed')
    const figures = get(id).figures
    expect(figures.deployment).toMatchObject({ elapsedMs: 12 * MINUTE, targetMs: 30 * MINUTE, status: 'met' })
    expect(t.room.db.prepare('SELECT deployment_ms, deployment_status FROM deployment_figures WHERE release_id = ?').get(id)).toEqual({
      deployment_ms: 12 * MINUTE,
      deployment_status: 'met'
    })
    expect(timeline(id)[0].kind).toBe('rollout.completed')
  })
})

describe('incidents, the decision tree and the rollback', () => {
  function running(): string {
    const id = newRelease()
    call('rollout.plan.set', { releaseId: id, plan: threeSteps(60), actor: dana })
    advanceTo(() => t.room, id, 'production')
    call('rollout.start', { releaseId: id, actor: dana })
    return id
  }

  it('lets anyone open an incident, only its owner walk the tree, and rolls the release back when the last step is done', () => {
    const id = running()
    const incident = call<IncidentView>('incidents.open', { releaseId: id, severity: 'high', summary: 'Payments failing for EU cards', actor: people.observer })
    expect(incident).toMatchObject({ severity: 'high', source: 'person', openedBy: people.observer, deadline: t.clock.now() + 60 * MINUTE, answers: [] })

    const answer = (nodeId: string, a: 'yes' | 'no', actor: Actor = dana) =>
      t.room.dispatch('incidents.answer', { releaseId: id, incidentId: incident.id, nodeId, answer: a, rationale: 'EU checkout is down for card payers', actor })
    const bySre = answer('is-critical', 'yes', sam)
    expect(!bySre.ok && bySre.error.message).toBe("Only the incident's owner can walk the decision tree: the accountable owner (Dana Okafor) or the DevOps lead.")
    const wrongNode = answer('fix-quickly', 'no')
    expect(!wrongNode.ok && wrongNode.error.message).toMatch(/"fix-quickly" is not the current question; answer "Is it critical\?" first/)

    t.clock.advance(4 * MINUTE)
    const decided = answer('is-critical', 'yes')
    expect(decided.ok).toBe(true)
    const room = get(id)
    expect(room.incidents[0]).toMatchObject({
      outcome: 'rollback-now',
      decidedAt: t.clock.now(),
      position: { kind: 'outcome', outcome: 'rollback-now' },
      answers: [{ nodeId: 'is-critical', answer: 'yes', actor: dana, rationale: 'EU checkout is down for card payers' }]
    })
    expect(room.rollout.state.status).toBe('rolling-back')
    expect(room.rollback).toMatchObject({ decidedAt: t.clock.now(), targetMinutes: 15, finishedAt: null })
    expect(room.rollback!.reason).toBe('Roll back now after the high incident "Payments failing for EU cards": EU checkout is down for card payers')
    expect(room.figures.decisions[0].figure).toMatchObject({ elapsedMs: 4 * MINUTE, status: 'met' })
    expect(room.release.status).toBe('production')
    expect(refusal('incidents.resolve', { releaseId: id, incidentId: incident.id, resolution: 'fine', actor: dana }).message).toMatch(/resolves when the last rollback step is done/)

    const stepIds = room.rollback!.steps.map((s) => s.id)
    expect(stepIds).toEqual(['announce', 'revert', 'verify', 'notify'])
    expect(refusal('rollback.completeStep', { releaseId: id, stepId: 'notify', actor: people['qa-lead'] }).message).toBe(
      '"Notify stakeholders that the rollback is complete" is owned by the Product owner; only that role, the DevOps lead or the accountable owner (Dana Okafor) can tick it.'
    )
    t.clock.advance(2 * MINUTE)
    call('rollback.completeStep', { releaseId: id, stepId: 'announce', actor: dana })
    call('rollback.completeStep', { releaseId: id, stepId: 'revert', note: 'Argo undo to rev 41', actor: dana })
    expect(refusal('rollback.completeStep', { releaseId: id, stepId: 'revert', actor: dana }).message).toMatch(/was already done by Dana Okafor/)
    t.clock.advance(5 * MINUTE)
    call('rollback.completeStep', { releaseId: id, stepId: 'verify', actor: sam })
    const last = call<RollbackProcedure>('rollback.completeStep', { releaseId: id, stepId: 'notify', actor: people['product-owner'] })
    expect(last.finishedAt).toBe(t.clock.now())

    const after = get(id)
    expect(after.release).toMatchObject({ status: 'rolled-back', endedReason: room.rollback!.reason })
    expect(after.rollout.state).toMatchObject({ status: 'rolled-back', rolledBackAt: t.clock.now() })
    expect(after.figures.rollback).toMatchObject({ elapsedMs: 7 * MINUTE, targetMs: 15 * MINUTE, status: 'met' })
    expect(after.incidents[0]).toMatchObject({ resolvedAt: t.clock.now(), resolution: 'Resolved by the rollback' })
    expect(t.room.db.prepare('SELECT rollback_ms, rolled_back_at FROM deployment_figures WHERE release_id = ?').get(id)).toEqual({
      rollback_ms: 7 * MINUTE,
      rolled_back_at: t.clock.now()
    })
    const entries = timeline(id)
    const rolledBack = entries.find((e) => e.kind === 'release.rolled-back')!
    expect(rolledBack.summary).toBe(`Rolled back from production in 7m (target 15 min, met): ${room.rollback!.reason}`)
    expect(rolledBack.data).toMatchObject({ rollbackMs: 7 * MINUTE, met: true, reason: room.rollback!.reason })
    const kinds = entries.map((e) => e.kind).reverse()
    expect(kinds.slice(kinds.indexOf('incident.opened'))).toEqual([
      'incident.opened',
      'incident.answered',
      'incident.decided',
      'rollback.started',
      'rollback.step-done',
      'rollback.step-done',
      'rollback.step-done',
      'rollback.step-done',
      'release.rolled-back',
      'incident.resolved'
    ])
    expect(call('timeline.verify', { releaseId: id })).toMatchObject({ ok: true })
    expect(refusal('rollout.advance', { releaseId: id, actor: dana }).message).toMatch(/The release is rolled-back/)
    expect(refusal('incidents.open', { releaseId: id, severity: 'low', summary: 'x', actor: dana }).message).toMatch(/The release is rolled-back/)
  })

  it('fixes in place: the incident stays open with its deadline until its owner resolves it', () => {
    const id = running()
    const incident = call<IncidentView>('incidents.open', { releaseId: id, severity: 'medium', summary: 'Wrong currency symbol on receipts', actor: sam })
    call('incidents.answer', { releaseId: id, incidentId: incident.id, nodeId: 'is-critical', answer: 'no', rationale: 'Cosmetic', actor: dana })
    const decided = call<IncidentView>('incidents.answer', { releaseId: id, incidentId: incident.id, nodeId: 'fix-quickly', answer: 'yes', rationale: 'One-line template fix', actor: dana })
    expect(decided).toMatchObject({ outcome: 'fix-in-place', resolvedAt: null, deadline: incident.detectedAt + 240 * MINUTE })
    expect(get(id).rollout.state.status).toBe('running')
    expect(get(id).rollback).toBeNull()
    expect(refusal('incidents.answer', { releaseId: id, incidentId: incident.id, nodeId: 'fix-quickly', answer: 'no', rationale: 'changed', actor: dana }).message).toMatch(
      /The decision is already made/
    )
    expect(refusal('incidents.resolve', { releaseId: id, incidentId: incident.id, resolution: 'Patched', actor: sam }).message).toMatch(/Only the incident's owner/)
    const resolved = call<IncidentView>('incidents.resolve', { releaseId: id, incidentId: incident.id, resolution: 'Patched in 2.6.1', actor: dana })
    expect(resolved).toMatchObject({ resolvedBy: dana, resolution: 'Patched in 2.6.1' })
    expect(refusal('incidents.resolve', { releaseId: id, incidentId: incident.id, resolution: 'again', actor: dana }).message).toBe('This incident is already resolved.')
    expect(refusal('incidents.answer', { releaseId: id, incidentId: 'nope', nodeId: 'is-critical', answer: 'no', rationale: 'x', actor: dana }).code).toBe('not_found')
  })

  it('refuses a rollback decision while nothing is deployed, and a rollback step when no rollback is under way', () => {
    const id = newRelease()
    const incident = call<IncidentView>('incidents.open', { releaseId: id, severity: 'critical', summary: 'Staging DB wiped', actor: sam })
    expect(refusal('incidents.answer', { releaseId: id, incidentId: incident.id, nodeId: 'is-critical', answer: 'yes', rationale: 'data loss', actor: dana }).message).toMatch(
      /The rollout has not started, so nothing is deployed to roll back/
    )
    expect(get(id).incidents[0].answers).toEqual([])
    expect(refusal('rollback.completeStep', { releaseId: id, stepId: 'announce', actor: dana }).message).toMatch(/No rollback is under way/)
  })
})
