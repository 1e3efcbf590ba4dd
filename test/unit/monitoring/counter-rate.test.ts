import { describe, expect, it } from 'vitest'
import { counterIncrease, counterRate, seriesIncreases, type CounterSnapshot } from '../../../src/main/monitoring/counter-rate'

const snap = (t: number, entries: Record<string, number>): CounterSnapshot => ({ t, series: new Map(Object.entries(entries)) })

describe('counterIncrease', () => {
  it('is the difference while the counter climbs', () => {
    expect(counterIncrease(1027, 1090)).toBe(63)
    expect(counterIncrease(5, 5)).toBe(0)
  })

  it('reads a drop as a restart and counts the new value as the increase since it', () => {
    expect(counterIncrease(1027, 4)).toBe(4)
    expect(counterIncrease(1027, 0)).toBe(0)
  })
})

describe('counterRate', () => {
  it('gives increase per second between two scrapes', () => {
    const rate = counterRate(snap(0, { a: 100 }), snap(5000, { a: 150 }))
    expect(rate).toEqual({ ok: true, perSecond: 10, seriesCount: 1 })
  })

  it('sums per-series rates, handling a reset in one series only', () => {
    // instance b restarted: 900 → 30 counts as 30, not −870.
    const rate = counterRate(snap(0, { a: 100, b: 900 }), snap(10_000, { a: 200, b: 30 }))
    expect(rate).toEqual({ ok: true, perSecond: 13, seriesCount: 2 })
  })

  it('leaves out a series seen for the first time', () => {
    expect(seriesIncreases(snap(0, { a: 1 }), snap(1000, { a: 3, c: 50 }))).toEqual(new Map([['a', 2]]))
    expect(counterRate(snap(0, { a: 1 }), snap(1000, { c: 50 }))).toEqual({
      ok: false,
      message: 'no series of the counter appeared in both of the last two readings'
    })
  })

  it('refuses two readings at the same instant rather than divide by zero', () => {
    const rate = counterRate(snap(1000, { a: 1 }), snap(1000, { a: 2 }))
    expect(rate.ok).toBe(false)
  })
})
