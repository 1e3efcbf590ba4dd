import { describe, expect, it } from 'vitest'
import type { Release } from '../../../src/shared/release'
import { deploymentsOf, historyRow, releaseHistory, type HistoryFacts } from '../../../src/main/history/release-history'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const T0 = Date.parse('2026-03-02T10:00:00Z')

function release(id: string, over: Partial<Release> = {}): Release {
  return {
    id,
    title: `Release ${id}`,
    service: 'checkout',
    version: '1.0.0',
    environment: 'production',
    strategy: 'canary',
    owner: 'Dana Okafor',
    status: 'production',
    windowStart: null,
    windowEnd: null,
    createdAt: '2026-03-01T00:00:00.000Z',
    createdBy: { name: 'Dana Okafor', role: 'devops-lead' },
    updatedAt: '2026-03-01T00:00:00.000Z',
    templateId: 'builtin-canary',
    participants: [],
    successCriteria: [],
    endedReason: null,
    ...over
  }
}

const facts = (over: Partial<HistoryFacts>): HistoryFacts => ({ releases: [], production: [], incidents: [], rollbacks: [], ...over })

describe('releases as deployments', () => {
  it('leaves out a release that never entered production', () => {
    const h = releaseHistory(facts({ releases: [release('a', { status: 'staging' })] }))
    expect(h[0].deployment).toBeNull()
    expect(deploymentsOf(h)).toEqual([])
    expect(historyRow(h[0])).toMatchObject({ deployedAt: null, failed: false, leadTimeHours: null, restoreMinutes: [] })
  })

  it('deploys when the release entered production, with its lead time from the commit', () => {
    const h = releaseHistory(facts({ releases: [release('a', { commitAt: new Date(T0 - 5 * HOUR).toISOString() })], production: [{ releaseId: 'a', at: T0 }] }))
    expect(h[0].deployment).toEqual({ releaseId: 'a', service: 'checkout', deployedAt: T0, failed: false, restoreDurations: [], committedAt: T0 - 5 * HOUR })
    expect(historyRow(h[0])).toMatchObject({ deployedAt: '2026-03-02T10:00:00.000Z', leadTimeHours: 5 })
  })

  it('counts a rollback as a failure, restored when its incident resolved', () => {
    const h = releaseHistory(
      facts({
        releases: [release('a', { status: 'rolled-back' })],
        production: [{ releaseId: 'a', at: T0 }],
        incidents: [{ releaseId: 'a', detectedAt: T0 + 10 * MINUTE, outcome: 'rollback-now', resolvedAt: T0 + 25 * MINUTE }],
        rollbacks: [{ releaseId: 'a', incidentId: 'i1', decidedAt: T0 + 12 * MINUTE, finishedAt: T0 + 25 * MINUTE }]
      })
    )
    expect(h[0]).toMatchObject({ failure: 'rolled back', deployment: { failed: true, restoreDurations: [15 * MINUTE] } })
  })

  it('counts an incident decided in production as a failure, and a rollback without an incident from its decision', () => {
    const [fixed, underWay, plain] = releaseHistory(
      facts({
        releases: [release('fixed'), release('under-way'), release('plain')],
        production: [
          { releaseId: 'fixed', at: T0 },
          { releaseId: 'under-way', at: T0 },
          { releaseId: 'plain', at: T0 }
        ],
        incidents: [
          { releaseId: 'fixed', detectedAt: T0 + HOUR, outcome: 'fix-in-place', resolvedAt: null },
          // Resolved without a decision: a restore, but not a change failure.
          { releaseId: 'plain', detectedAt: T0 + HOUR, outcome: null, resolvedAt: T0 + HOUR + 5 * MINUTE }
        ],
        rollbacks: [{ releaseId: 'under-way', incidentId: null, decidedAt: T0 + HOUR, finishedAt: T0 + HOUR + 9 * MINUTE }]
      })
    )
    expect(fixed).toMatchObject({ failure: 'incident: fix in place', deployment: { failed: true, restoreDurations: [] } })
    expect(underWay).toMatchObject({ failure: 'rollback under way', deployment: { failed: true, restoreDurations: [9 * MINUTE] } })
    expect(plain).toMatchObject({ failure: null, deployment: { failed: false, restoreDurations: [5 * MINUTE] } })
  })

  it('ignores incidents from before production: staging is the rehearsal', () => {
    const h = releaseHistory(
      facts({
        releases: [release('a')],
        production: [{ releaseId: 'a', at: T0 }],
        incidents: [{ releaseId: 'a', detectedAt: T0 - HOUR, outcome: 'fix-in-place', resolvedAt: T0 - 30 * MINUTE }]
      })
    )
    expect(h[0]).toMatchObject({ failure: null, deployment: { failed: false, restoreDurations: [] } })
  })
})
