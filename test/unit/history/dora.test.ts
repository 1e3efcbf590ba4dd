import { describe, expect, it } from 'vitest'
import { doraFigures, type Deployment } from '../../../src/main/history/dora'

const DAY = 86_400_000
const HOUR = 3_600_000
const start = Date.parse('2026-01-01T00:00:00Z')
const window = { from: start, to: start + 30 * DAY }

function dep(day: number, over: Partial<Deployment> = {}): Deployment {
  return { releaseId: `r${day}`, service: 'checkout', deployedAt: start + day * DAY + 10 * HOUR, failed: false, restoreDurations: [], ...over }
}

describe('DORA figures', () => {
  // 12 checkout deployments in 30 days (one rolled back, one fixed after an incident), 3 payments deployments.
  const deployments: Deployment[] = [
    ...Array.from({ length: 12 }, (_, i) => dep(i * 2, { committedAt: start + i * 2 * DAY + 10 * HOUR - (i + 1) * 4 * HOUR })),
    dep(5, { service: 'payments', failed: true, restoreDurations: [40 * 60_000] }),
    dep(15, { service: 'payments' }),
    dep(25, { service: 'payments', failed: true, restoreDurations: [3 * HOUR, 20 * 60_000] }),
    dep(40) // outside the window
  ]

  it('counts deployments per day over the window and bands them', () => {
    const all = doraFigures(deployments, window)
    expect(all.deploymentFrequency).toMatchObject({ value: 15 / 30, band: 'high', basis: 15 })
    expect(doraFigures(deployments, window, 'payments').deploymentFrequency).toMatchObject({ value: 3 / 30, band: 'medium' })
  })

  it('takes the change failure rate from rolled-back or remediated deployments', () => {
    expect(doraFigures(deployments, window).changeFailureRate).toMatchObject({ value: 2 / 15, band: 'medium', basis: 15 })
    expect(doraFigures(deployments, window, 'payments').changeFailureRate).toMatchObject({ value: 2 / 3, band: 'low' })
    expect(doraFigures(deployments, window, 'checkout').changeFailureRate).toMatchObject({ value: 0, band: 'elite' })
  })

  it('uses the median time to restore across incidents', () => {
    // 20 min, 40 min, 180 min → median 40 min: elite (under an hour)
    expect(doraFigures(deployments, window).timeToRestore).toMatchObject({ value: 40, unit: 'minutes', band: 'elite', basis: 3 })
  })

  it('uses the median lead time where a commit time was given', () => {
    // lead times 4 h, 8 h … 48 h (12 values): median (24 + 28) / 2 = 26 h → high (under a week)
    expect(doraFigures(deployments, window).leadTimeForChanges).toMatchObject({ value: 26, unit: 'hours', band: 'high', basis: 12 })
  })

  it('says there is no data rather than inventing a band', () => {
    const empty = doraFigures([], window)
    expect([empty.deploymentFrequency.band, empty.changeFailureRate.band, empty.timeToRestore.band, empty.leadTimeForChanges.band]).toEqual([
      'no-data',
      'no-data',
      'no-data',
      'no-data'
    ])
  })
})
