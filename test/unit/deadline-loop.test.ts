import { afterEach, beforeEach, expect, it } from 'vitest'
import { startDeadlineLoop } from '../../src/main/deadline-loop'
import { testRoom } from '../support/room'
import { fakeTimers } from './rollout/room-helpers'
import { lead, releaseInput } from '../support/fixtures'

let t: ReturnType<typeof testRoom>
beforeEach(() => {
  t = testRoom()
})
afterEach(() => t.dispose())

it('sleeps until the earliest due time, capped, and passes again when it falls due', () => {
  const timers = fakeTimers(t.clock)
  let due = t.clock.now() + 90_000
  const passes: number[] = []
  startDeadlineLoop(t.room, { name: 'test', pass: () => passes.push(t.clock.now()), nextDueAt: () => due, wakesOn: () => false, timers: timers.timers, maxSleepMs: 60_000 })
  expect(passes).toHaveLength(1)
  expect(timers.nextDelay()).toBe(60_000)
  timers.advance(60_000)
  expect(timers.nextDelay()).toBe(30_000)
  due = Infinity
  timers.advance(30_000)
  expect(passes).toHaveLength(3)
})

it('retries overdue work at once, or after the longest sleep when told to back off', () => {
  for (const backOffOverdue of [false, true]) {
    const timers = fakeTimers(t.clock)
    const past = t.clock.now() - 1
    startDeadlineLoop(t.room, { name: 'test', pass: () => undefined, nextDueAt: () => past, wakesOn: () => false, timers: timers.timers, maxSleepMs: 60_000, backOffOverdue })
    expect(timers.nextDelay()).toBe(backOffOverdue ? 60_000 : 0)
  }
})

it('wakes on the timeline entries it names, and a wake during a pass asks for one more pass', () => {
  let passes = 0
  const loop = startDeadlineLoop(t.room, {
    name: 'test',
    pass: () => {
      passes++
      // The second pass (woken by the release) commits something that wakes the loop again, as a service's own work does.
      if (passes === 2) loop.wake()
    },
    nextDueAt: () => null,
    wakesOn: (kind) => kind === 'release.created',
    timers: fakeTimers(t.clock).timers
  })
  expect(passes).toBe(1)
  const created = t.room.dispatch('releases.create', releaseInput())
  if (!created.ok) throw new Error(created.error.message)
  expect(passes).toBe(3)
  expect(t.room.dispatch('notes.add', { releaseId: (created.value as { id: string }).id, text: 'Not a kind it watches', actor: lead }).ok).toBe(true)
  expect(passes).toBe(3)
})
