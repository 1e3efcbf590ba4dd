import { expect, test } from '@playwright/test'
import { removeDir, startHost, type RunningHost } from './host'
import { apiOf, enterAs, people } from './api'

// The demo release and its metrics endpoint are the subject here, so the host starts with its demo.
let host: RunningHost
test.beforeEach(async () => {
  host = await startHost()
})
test.afterEach(async () => {
  await host.stop()
  removeDir(host.dataDir)
})

test('a fault injected during a soak fails the step’s health gate on its signals, with the deciding values, and opens an incident', async ({ page, request }) => {
  test.setTimeout(120_000)
  const api = apiOf(request, host.url)
  const [demo] = await api.call<{ id: string }[]>('releases.list', {})
  const releaseId = demo.id
  await api.startCanary(releaseId, [
    { id: 'canary-10', label: '10% of traffic', trafficPercent: 10, soakSeconds: 30, gate: 'health' },
    { id: 'full', label: '100% of traffic', trafficPercent: 100, soakSeconds: 0, gate: 'none' }
  ])

  await enterAs(page, host.url, 'sre', `#/releases/${releaseId}`)
  const step = page.locator('[data-testid=lane-step][data-step-id=canary-10]')
  await expect(step).toHaveAttribute('data-state', 'soaking')
  await api.call('signals.demo', { releaseId, fault: 'errors', actor: people['devops-lead'] })

  await expect(page.locator('[data-testid=signal-panel][data-signal="Canary error rate"]')).toHaveAttribute('data-state', 'critical', { timeout: 40_000 })
  await expect(step).toHaveAttribute('data-state', 'failed', { timeout: 40_000 })
  await expect(step).toContainText('Failed on its signals (')
  await expect(step).toContainText('Canary error rate')
  await expect(page.getByTestId('incident-banner').first()).toBeVisible()
  const gate = (await api.call<{ kind: string; summary: string }[]>('timeline.list', { releaseId, kinds: ['rollout.gate'] }))[0]
  expect(gate.summary).toMatch(/failed on its signals/)
})
