import { describe, expect, it } from 'vitest'
import { manualClock } from '../../../src/main/clock'
import { manualTimers } from '../../../src/main/monitoring/timers'

describe('manualTimers', () => {
  it('fires timers in due order, same-instant ones in the order they were set, with the clock at each due time', () => {
    const clock = manualClock(0)
    const timers = manualTimers(clock)
    const fired: Array<[string, number]> = []
    timers.setTimeout(() => fired.push(['b', clock.now()]), 200)
    timers.setTimeout(() => fired.push(['a', clock.now()]), 100)
    timers.setTimeout(() => fired.push(['c', clock.now()]), 200)
    const cancelled = timers.setTimeout(() => fired.push(['x', clock.now()]), 150)
    timers.clearTimeout(cancelled)
    expect(timers.nextDueAt()).toBe(100)
    timers.advance(250)
    expect(fired).toEqual([
      ['a', 100],
      ['b', 200],
      ['c', 200]
    ])
    expect(clock.now()).toBe(250)
    expect(timers.pending()).toBe(0)
  })

  it('fires a timer set by a callback when it falls inside the same advance', () => {
    const clock = manualClock(0)
    const timers = manualTimers(clock)
    const fired: number[] = []
    timers.setTimeout(() => {
      fired.push(clock.now())
      timers.setTimeout(() => fired.push(clock.now()), 50)
      timers.setTimeout(() => fired.push(clock.now()), 500)
    }, 100)
    timers.advance(200)
    expect(fired).toEqual([100, 150])
    expect(timers.pending()).toBe(1)
  })

  it('runDue fires what is due now and nothing later', () => {
    const clock = manualClock(0)
    const timers = manualTimers(clock)
    let count = 0
    timers.setTimeout(() => count++, 0)
    timers.setTimeout(() => count++, 1)
    timers.runDue()
    expect(count).toBe(1)
  })
})
