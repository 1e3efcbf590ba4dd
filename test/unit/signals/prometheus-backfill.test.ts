import { describe, expect, it } from 'vitest'
import { PROMETHEUS_MAX_POINTS_PER_SERIES, rangePointCount } from '../../../src/main/monitoring/prometheus-api'
import { backfillFromEnv, backfillRange } from '../../../src/main/signals/prometheus-backfill'

const HOUR = 3_600_000
const NOW = Date.parse('2026-01-20T16:00:07.250Z')

describe('backfillRange', () => {
  it('covers the last range at the planner’s step, on whole multiples of it, within the point budget', () => {
    const r = backfillRange(NOW, NOW - 48 * HOUR, 5000, 6 * HOUR, 2000)!
    expect(r.stepSeconds).toBe(11)
    expect(r.startMs % 11_000).toBe(0)
    expect(r.endMs % 11_000).toBe(0)
    expect(r.startMs).toBeGreaterThanOrEqual(NOW - 6 * HOUR)
    expect(r.endMs).toBeLessThanOrEqual(NOW)
    expect(rangePointCount(r)).toBeLessThanOrEqual(2000)
    // The same instants again a little later, so a restart replaces rows instead of adding a second set.
    const later = backfillRange(NOW + 3000, NOW - 48 * HOUR, 5000, 6 * HOUR, 2000)!
    expect((later.startMs - r.startMs) % 11_000).toBe(0)
  })

  it('starts no earlier than the release, and no finer than the poll interval', () => {
    const created = NOW - 10 * 60_000 - 1234
    const r = backfillRange(NOW, created, 15_000, 6 * HOUR, 2000)!
    expect(r.stepSeconds).toBe(15)
    expect(r.startMs).toBeGreaterThanOrEqual(created)
    expect(r.startMs - created).toBeLessThan(15_000)
  })

  it('never asks Prometheus for more than 11,000 points', () => {
    const r = backfillRange(NOW, 0, 1000, 24 * HOUR, 1_000_000)!
    expect(rangePointCount(r)).toBeLessThanOrEqual(PROMETHEUS_MAX_POINTS_PER_SERIES)
  })

  it('has nothing to fill for a release younger than one step', () => {
    expect(backfillRange(NOW, NOW, 5000, 6 * HOUR, 2000)).toBeUndefined()
    expect(backfillRange(NOW, NOW - 2000, 5000, 6 * HOUR, 2000)).toBeUndefined()
  })
})

describe('backfillFromEnv', () => {
  it('reads WARROOM_BACKFILL_HOURS; 0 turns backfill off and nonsense keeps the default', () => {
    expect(backfillFromEnv({})).toEqual({})
    expect(backfillFromEnv({ WARROOM_BACKFILL_HOURS: '2' })).toEqual({ rangeMs: 2 * HOUR })
    expect(backfillFromEnv({ WARROOM_BACKFILL_HOURS: '0' })).toBe(false)
    expect(backfillFromEnv({ WARROOM_BACKFILL_HOURS: 'six' })).toEqual({})
  })
})
