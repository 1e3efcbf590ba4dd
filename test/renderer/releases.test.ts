import { describe, expect, it } from 'vitest'
import type { Release } from '../../src/shared/release'
import type { DomainEvent } from '../../src/shared/events'
import { applyReleaseEvent } from '../../src/renderer/src/releases/apply-release-event'
import { releaseMatches } from '../../src/renderer/src/releases/release-filter'
import { parseRoute, hrefOf } from '../../src/renderer/src/stores/route-store'

function release(id: string, createdAt: string, extra: Partial<Release> = {}): Release {
  return {
    id,
    title: `Release ${id}`,
    service: 'checkout',
    version: '1.0.0',
    environment: 'production',
    strategy: 'canary',
    owner: 'Dana Okafor',
    status: 'planning',
    windowStart: null,
    windowEnd: null,
    createdAt,
    createdBy: { name: 'Dana Okafor', role: 'devops-lead' },
    updatedAt: createdAt,
    templateId: 'builtin-canary',
    participants: [],
    successCriteria: [],
    endedReason: null,
    ...extra
  }
}
const created = (r: Release, seq = 1): DomainEvent => ({ type: 'release.created', release: r, seq, at: r.createdAt })

describe('applyReleaseEvent', () => {
  it('puts a new release first', () => {
    const old = release('a', '2026-01-01T00:00:00Z')
    const next = applyReleaseEvent([old], created(release('b', '2026-01-02T00:00:00Z')))
    expect(next.map((r) => r.id)).toEqual(['b', 'a'])
  })

  it('is idempotent: the same release arriving twice is one row', () => {
    const r = release('a', '2026-01-01T00:00:00Z')
    expect(applyReleaseEvent(applyReleaseEvent([], created(r)), created(r, 2))).toHaveLength(1)
  })

  it('replaces a release on update', () => {
    const r = release('a', '2026-01-01T00:00:00Z')
    const next = applyReleaseEvent([r], { type: 'release.updated', release: { ...r, status: 'ready' }, seq: 2, at: 'x' })
    expect(next).toEqual([{ ...r, status: 'ready' }])
  })
})

describe('releaseMatches', () => {
  const r = release('a', '2026-01-01T00:00:00Z', { title: 'Checkout 2.6: saved carts', service: 'checkout', owner: 'Dana Okafor', strategy: 'blue-green' })
  it('needs every word to appear, in any field, ignoring case', () => {
    expect(releaseMatches(r, 'CHECKOUT dana')).toBe(true)
    expect(releaseMatches(r, 'checkout canary')).toBe(false)
    expect(releaseMatches(r, 'blue-green')).toBe(true)
    expect(releaseMatches(r, '   ')).toBe(true)
  })
})

describe('routes', () => {
  it('round-trips a release link and falls back to the table', () => {
    expect(parseRoute(hrefOf({ view: 'release', releaseId: 'a b' }))).toEqual({ view: 'release', releaseId: 'a b' })
    expect(parseRoute('#/nowhere')).toEqual({ view: 'releases' })
    expect(parseRoute('')).toEqual({ view: 'releases' })
  })
})

import { parseCriteria, parseParticipants } from '../../src/renderer/src/releases/release-lines'

describe('participants and success criteria as typed in the create form', () => {
  it('reads "Name @role" lines and names the line it cannot read', () => {
    expect(parseParticipants('Sam Lee @sre\n\n  Priya Raman @product-owner ')).toEqual({
      participants: [
        { name: 'Sam Lee', role: 'sre' },
        { name: 'Priya Raman', role: 'product-owner' }
      ],
      errors: []
    })
    expect(parseParticipants('Sam Lee\nAna @wizard').errors).toHaveLength(2)
    expect(parseParticipants('Sam Lee\nAna @wizard').errors[0]).toMatch(/^Participants line 1/)
  })
  it('splits an optional target off each criterion', () => {
    expect(parseCriteria('Conversion holds :: ≥ 3.1%\nNo new support tickets')).toEqual([
      { description: 'Conversion holds', target: '≥ 3.1%' },
      { description: 'No new support tickets' }
    ])
  })
})
