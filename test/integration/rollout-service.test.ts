import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Release } from '../../src/shared/release'
import type { TimelineEntry } from '../../src/shared/timeline'
import type { IncidentView } from '../../src/shared/room-rollout'
import { manualClock } from '../../src/main/clock'
import { openWarRoom, type WarRoom } from '../../src/main/war-room'
import { startRolloutService } from '../../src/main/rollout/rollout-service'
import { testRoom } from '../support/room'
import { releaseInput } from '../support/fixtures'
import { advanceTo, caller, events, fakeTimers, people, threeSteps } from '../unit/rollout/room-helpers'

let t: ReturnType<typeof testRoom>
let room: WarRoom
const extraRooms: WarRoom[] = []
beforeEach(() => {
  t = testRoom()
  room = t.room
})
afterEach(() => {
  for (const r of extraRooms.splice(0)) r.close()
  t.dispose()
})

const { call, refusal, get } = caller(() => room)
const dana = people['devops-lead']
const sam = people.sre
const SECOND = 1000
const MINUTE = 60 * SECOND

const timeline = (releaseId: string) => call<TimelineEntry[]>('timeline.list', { releaseId, limit: 5000 })

function inProduction(plan = threeSteps(600)): string {
  const id = call<Release>('releases.create', releaseInput()).id
  call('rollout.plan.set', { releaseId: id, plan, actor: dana })
  advanceTo(() => room, id, 'production')
  return id
}

describe('the soak timer', () => {
  it('ends a soak at its persisted end, then waits for a manual verdict because no signal has data', async () => {
    const timers = fakeTimers(t.clock)
    const seen = events(room)
    await startRolloutService(room, { timers: timers.timers })
    const id = inProduction(threeSteps(90))
    call('rollout.start', { releaseId: id, actor: dana })
    expect(timers.nextDelay()).toBe(60 * SECOND) // the service sleeps at most a minute, then looks again

    timers.advance(89 * SECOND)
    expect(get(id).rollout.state.steps[0].state).toBe('soaking')
    timers.advance(1 * SECOND)
    const step = get(id).rollout.state.steps[0]
    expect(step).toMatchObject({ state: 'awaiting-gate', verdict: null })
    const [gate, ended] = timeline(id)
    expect(ended).toMatchObject({ kind: 'rollout.soak-ended', actor: null, data: { stepIds: ['canary-5'], lateByMs: [0] } })
    expect(gate).toMatchObject({ kind: 'rollout.gate', data: { stepId: 'canary-5', outcome: 'no-data' } })
    expect(gate.summary).toMatch(/waits for the SRE or DevOps lead to pass or fail it/)
    expect(seen.seen.filter((e) => e.type === 'rollout.notice').map((e) => e.type === 'rollout.notice' && e.notice)).toEqual(['soak-ended'])
    expect(timers.nextDelay()).toBeNull()

    call('rollout.gate', { releaseId: id, stepId: 'canary-5', result: 'pass', rationale: 'Error rate flat on the dashboard', actor: sam })
    call('rollout.advance', { releaseId: id, actor: dana })
    expect(timers.nextDelay()).toBe(60 * SECOND)
    timers.advance(30 * SECOND)
    call('rollout.gate', { releaseId: id, stepId: 'canary-25', result: 'fail', rationale: 'p95 at 900 ms', actor: sam })
    expect(seen.seen.filter((e) => e.type === 'rollout.notice').map((e) => e.type === 'rollout.notice' && e.notice)).toEqual([
      'soak-ended',
      'gate-failed',
      'incident-opened'
    ])
    // A failed step's soak is over: nothing is left to time but the incident's deadline announcements.
    expect(get(id).rollout.state.status).toBe('held')
    expect(timers.nextDelay()).toBe(60 * SECOND)
  })

  it('resumes after a restart with the time left from the persisted start, and handles an overdue soak at once', async () => {
    const id = inProduction(threeSteps(600))
    call('rollout.start', { releaseId: id, actor: dana })
    const soakEndsAt = get(id).rollout.state.steps[0].soakEndsAt!
    t.clock.advance(200 * SECOND)
    room.close()

    // The process comes back 100 s later: 300 s of the soak are left, not 600.
    const clock = manualClock(t.clock.now() + 100 * SECOND)
    room = openWarRoom({ dbPath: t.dbPath, clock })
    extraRooms.push(room)
    const timers = fakeTimers(clock)
    await startRolloutService(room, { timers: timers.timers, maxSleepMs: 3_600_000 })
    expect(timers.nextDelay()).toBe(300 * SECOND)
    timers.advance(299 * SECOND)
    expect(get(id).rollout.state.steps[0].state).toBe('soaking')
    timers.advance(1 * SECOND)
    expect(get(id).rollout.state.steps[0].state).toBe('awaiting-gate')
    expect(clock.now()).toBe(soakEndsAt)

    // The second step soaks; the process is down past its end and is evaluated the moment it comes back.
    call('rollout.gate', { releaseId: id, stepId: 'canary-5', result: 'pass', rationale: 'Flat', actor: sam })
    call('rollout.advance', { releaseId: id, actor: dana })
    const secondEnds = get(id).rollout.state.steps[1].soakEndsAt!
    room.close()
    const later = manualClock(secondEnds + 45 * MINUTE)
    room = openWarRoom({ dbPath: t.dbPath, clock: later })
    extraRooms.push(room)
    await startRolloutService(room, { timers: fakeTimers(later).timers })
    expect(get(id).rollout.state.steps[1].state).toBe('awaiting-gate')
    expect(timeline(id)[1]).toMatchObject({ kind: 'rollout.soak-ended', data: { endedAt: [secondEnds], lateByMs: [45 * MINUTE] } })
  })

  it('stops with the room and leaves no timer behind', async () => {
    const timers = fakeTimers(t.clock)
    await startRolloutService(room, { timers: timers.timers })
    const id = inProduction()
    call('rollout.start', { releaseId: id, actor: dana })
    expect(timers.nextDelay()).not.toBeNull()
    room.close()
    expect(timers.nextDelay()).toBeNull()
  })
})

describe('incident deadlines', () => {
  it('announces a deadline once as it nears and once as it passes, and never again after a restart', async () => {
    const timers = fakeTimers(t.clock)
    await startRolloutService(room, { timers: timers.timers })
    const id = inProduction()
    call('rollout.start', { releaseId: id, actor: dana })
    call<IncidentView>('incidents.open', { releaseId: id, severity: 'critical', summary: 'Card payments down', actor: sam })
    const announcements = () => timeline(id).filter((e) => e.kind === 'incident.deadline').map((e) => e.data.announcement)

    timers.advance(4 * MINUTE - 1)
    expect(announcements()).toEqual([])
    timers.advance(1)
    expect(announcements()).toEqual(['nearing'])
    expect(timeline(id).find((e) => e.kind === 'incident.deadline')!.summary).toBe(
      'The response deadline of the critical incident "Card payments down" is in 1m.'
    )
    timers.advance(1 * MINUTE)
    expect(announcements()).toEqual(['passed', 'nearing'])
    expect(get(id).incidents[0].announced).toEqual(['nearing', 'passed'])

    room.close()
    const clock = manualClock(t.clock.now() + 10 * MINUTE)
    room = openWarRoom({ dbPath: t.dbPath, clock })
    extraRooms.push(room)
    const after = fakeTimers(clock)
    await startRolloutService(room, { timers: after.timers })
    after.advance(10 * MINUTE)
    expect(announcements()).toEqual(['passed', 'nearing'])
  })
})

describe('step actions', () => {
  let server: Server
  let answerWith = 200
  const posted: { body: unknown }[] = []
  beforeEach(async () => {
    posted.length = 0
    server = createServer((req, res) => {
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString()))
      req.on('end', () => {
        posted.push({ body: JSON.parse(body) })
        res.writeHead(answerWith, { 'content-type': 'text/plain' }).end(answerWith === 200 ? 'promoted' : 'deploy tool is down')
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  })
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve))
  })
  const url = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/promote`

  it('POSTs the step, logs the status and time, starts the soak on success and holds the rollout on failure', async () => {
    const plan = threeSteps(60)
    const steps = plan.steps.map((s, i) => (i < 2 ? { ...s, action: { url: url() } } : s))
    const id = inProduction({ ...plan, steps })
    const seen = events(room)
    await startRolloutService(room, { timers: fakeTimers(t.clock).timers })

    answerWith = 200
    call('rollout.start', { releaseId: id, actor: dana })
    expect(get(id).rollout.state.steps[0].state).toBe('running')
    await seen.next((e) => e.type === 'timeline.appended' && e.entry.kind === 'rollout.action')
    expect(posted[0].body).toMatchObject({ event: 'rollout.step', release: { id, service: 'checkout' }, step: { id: 'canary-5', trafficPercent: 5, index: 0, of: 3 } })
    const first = get(id).rollout.state.steps[0]
    expect(first).toMatchObject({ state: 'soaking', actionOutcome: { ok: true, httpStatus: 200 } })
    const logged = timeline(id).find((e) => e.kind === 'rollout.action')!
    expect(logged.summary).toMatch(/^The action for "5% of traffic" succeeded: POST http:\/\/127\.0\.0\.1:\d+\/hooks\/promote answered 200 after \d+ ms\./)
    expect(logged.data).toMatchObject({ ok: true, httpStatus: 200, durationMs: expect.any(Number) })

    answerWith = 503
    call('rollout.advance', { releaseId: id, override: { rationale: 'Skip the soak for the test' }, actor: dana })
    await seen.next((e) => e.type === 'rollout.notice' && e.notice === 'action-failed')
    const held = get(id).rollout.state
    expect(held).toMatchObject({ status: 'held', hold: { cause: 'action' } })
    expect(held.steps[1]).toMatchObject({ state: 'running', actionOutcome: { ok: false, httpStatus: 503, detail: 'deploy tool is down' } })

    // Resuming tries the action again.
    answerWith = 200
    call('rollout.resume', { releaseId: id, actor: dana })
    await seen.next((e) => e.type === 'timeline.appended' && e.entry.kind === 'rollout.action' && e.entry.data.ok === true && e.entry.data.stepId === 'canary-25')
    expect(get(id).rollout.state.steps[1].state).toBe('soaking')
    expect(posted).toHaveLength(3)
  })

  it('counts a refused connection as a failed action', async () => {
    const plan = threeSteps(60)
    const id = inProduction({ ...plan, steps: plan.steps.map((s, i) => (i === 0 ? { ...s, action: { url: 'http://127.0.0.1:9/nothing-here' } } : s)) })
    const seen = events(room)
    await startRolloutService(room, { timers: fakeTimers(t.clock).timers, actionTimeoutMs: 2000 })
    call('rollout.start', { releaseId: id, actor: dana })
    await seen.next((e) => e.type === 'rollout.notice' && e.notice === 'action-failed')
    expect(get(id).rollout.state).toMatchObject({ status: 'held', steps: [{ actionOutcome: { ok: false, httpStatus: null } }, {}, {}] })
    expect(refusal('rollout.advance', { releaseId: id, actor: dana }).message).toMatch(/held/)
  })
})
