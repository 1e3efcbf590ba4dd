import { describe, expect, it } from 'vitest'
import type { ServiceSlo } from '../../../src/shared/history'
import { asRatio, errorBudget } from '../../../src/main/history/error-budget'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
const NOW = Date.parse('2026-03-31T00:00:00Z')

const slo = (targetPercent: number, windowDays = 30): ServiceSlo => ({
  service: 'checkout',
  targetPercent,
  windowDays,
  setBy: { name: 'Sam Lee', role: 'sre' },
  setAt: '2026-03-01T00:00:00.000Z',
  previousTargetPercent: null,
  reason: null
})

const reading = (releaseId: string, value: number, fromMin: number, toMin: number) => ({
  releaseId,
  title: releaseId,
  value,
  from: NOW - DAY + fromMin * MINUTE,
  to: NOW - DAY + toMin * MINUTE
})

describe('the error budget', () => {
  it('is (1 − target) × window: 43.2 minutes for 99.9% over 30 days', () => {
    const b = errorBudget('checkout', slo(99.9), [], NOW)
    expect(b).toMatchObject({ budgetMinutes: 43.2, consumedMinutes: 0, remainingMinutes: 43.2, measuredAvailability: null, status: 'healthy' })
    expect(b.explanation).toMatch(/No availability was measured/)
  })

  it('charges the downtime each measurement implies, and reads percentages as percentages', () => {
    const b = errorBudget('checkout', slo(99.9), [reading('a', 0.99, 0, 100), reading('b', 99.5, 200, 600)], NOW)
    // 100 min at 99% → 1 min; 400 min at 99.5% → 2 min.
    expect(b.consumedMinutes).toBe(3)
    expect(b.remainingMinutes).toBe(40.2)
    expect(b.measuredMinutes).toBe(500)
    expect(b.measuredAvailability).toBeCloseTo(1 - 3 / 500, 10)
    expect(b.measurements.map((m) => m.downtimeMinutes)).toEqual([1, 2])
  })

  it('charges an overlap once, to the release that started later', () => {
    const b = errorBudget('checkout', slo(99), [reading('old', 0.9, 0, 100), reading('new', 0.5, 50, 100)], NOW)
    // 0–50 the old version at 90% → 5 min; 50–100 the new one at 50% → 25 min.
    expect(b.measurements.map((m) => [m.releaseId, m.downtimeMinutes])).toEqual([
      ['old', 5],
      ['new', 25]
    ])
    expect(b.measuredMinutes).toBe(100)
  })

  it('counts only the part of a measurement inside the window, and goes exhausted past the budget', () => {
    const inside = { releaseId: 'x', title: 'x', value: 0.9, from: NOW - 7 * DAY - 60 * MINUTE, to: NOW - 7 * DAY + 60 * MINUTE }
    const b = errorBudget('checkout', slo(99.9, 7), [inside], NOW)
    // 60 of its 120 minutes fall in the 7-day window: 6 minutes down against a 10.08-minute budget.
    expect(b).toMatchObject({ consumedMinutes: 6, budgetMinutes: 10.08, status: 'healthy' })
    expect(errorBudget('checkout', slo(99.9, 7), [{ ...inside, value: 0.85 }], NOW)).toMatchObject({ consumedMinutes: 9, status: 'low' })
    const over = errorBudget('checkout', slo(99.9, 7), [{ ...inside, value: 0.8 }], NOW)
    expect(over).toMatchObject({ consumedMinutes: 12, status: 'exhausted' })
    expect(over.remainingMinutes).toBeCloseTo(-1.92, 6)
  })

  it('says so when the service has no SLO', () => {
    expect(errorBudget('payments', null, [reading('a', 0.5, 0, 10)], NOW)).toMatchObject({ status: 'no-slo', budgetMinutes: null, consumedRatio: null })
  })

  it('clamps readings to 0…1', () => {
    expect(asRatio(0.999)).toBe(0.999)
    expect(asRatio(99.9)).toBeCloseTo(0.999, 12)
    expect([asRatio(140), asRatio(-1)]).toEqual([1, 0])
  })
})
