import { describe, expect, it } from 'vitest'
import type { TimelineEntry, TimelineKind } from '../../../src/shared/timeline'
import { compare, formatReading, validationWindow } from '../../../src/main/review/signal-outcome'

const MIN = 60_000
const T0 = Date.parse('2026-01-20T15:00:00Z')
let seq = 0
const entry = (minutes: number, kind: TimelineKind, data: Record<string, unknown> = {}): TimelineEntry => {
  seq++
  return { id: seq, releaseId: 'r', seq, at: new Date(T0 + minutes * MIN).toISOString(), kind, actor: null, summary: '', data, prevHash: '', hash: '' }
}

describe('the validation window a signal is read over', () => {
  const entered = entry(0, 'release.stage-changed', { from: 'production', to: 'validating' })

  it('runs for the link’s period from entering validating, and has ended once the clock passes it', () => {
    expect(validationWindow([entered], 60, T0 + 59 * MIN)).toEqual({ from: T0, to: T0 + 60 * MIN, ended: false, cutShort: false })
    expect(validationWindow([entered], 60, T0 + 60 * MIN)).toEqual({ from: T0, to: T0 + 60 * MIN, ended: true, cutShort: false })
  })

  it('is cut short when the release leaves validating first, by closing, rolling back or aborting', () => {
    for (const left of [
      entry(20, 'release.stage-changed', { from: 'validating', to: 'closed' }),
      entry(20, 'release.rolled-back', { from: 'validating' }),
      entry(20, 'release.aborted', { from: 'validating' })
    ]) {
      expect(validationWindow([entered, left], 60, T0 + 20 * MIN)).toEqual({ from: T0, to: T0 + 20 * MIN, ended: true, cutShort: true })
    }
    // Closing after the period changes nothing: the window was already over.
    const late = entry(90, 'release.stage-changed', { from: 'validating', to: 'closed' })
    expect(validationWindow([entered, late], 60, T0 + 90 * MIN)).toEqual({ from: T0, to: T0 + 60 * MIN, ended: true, cutShort: false })
  })

  it('does not exist for a release that never reached validating', () => {
    expect(validationWindow([entry(0, 'release.stage-changed', { from: 'staging', to: 'production' }), entry(5, 'release.rolled-back', { from: 'production' })], 60, T0 + 10 * MIN)).toBeNull()
  })
})

describe('reading against the comparison', () => {
  it('compares as written, the boundary included only by <= and >=', () => {
    expect([compare(0.1, '<', 0.1), compare(0.1, '<=', 0.1), compare(0.1, '>', 0.1), compare(0.1, '>=', 0.1)]).toEqual([false, true, false, true])
    expect([compare(99.95, '>', 99.9), compare(250, '<=', 200)]).toEqual([true, false])
  })

  it('writes the reading without float noise, with its unit', () => {
    expect(formatReading(0.1 + 0.2, '%')).toBe('0.3%')
    expect(formatReading(249.99999, 'ms')).toBe('250 ms')
    expect(formatReading(0.0000123, '')).toBe('1.230e-5')
    expect(formatReading(0, 'ms')).toBe('0 ms')
  })
})
