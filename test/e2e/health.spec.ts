import { expect, test, type Page } from '@playwright/test'
import { removeDir, startHost, type RunningHost } from './host'

// The demo release is what this test is about, so the host starts WITH its demo (no --no-demo).
let host: RunningHost
test.beforeEach(async () => {
  host = await startHost()
})
test.afterEach(async () => {
  await host.stop()
  removeDir(host.dataDir)
})

async function enterAs(page: Page, name: string, role: string, path = '') {
  await page.goto(host.url + path)
  await page.getByTestId('identity-name').fill(name)
  await page.getByTestId('identity-role').selectOption(role)
  await page.getByTestId('identity-submit').click()
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live')
}

const panel = (page: Page, name: string) => page.locator(`[data-testid=signal-panel][data-signal="${name}"]`)

test('the demo release charts its signals live, and an injected fault turns the canary critical and opens an incident', async ({ browser, request }) => {
  test.setTimeout(90_000)
  const releases = (await (await request.post(`${host.url}api/releases.list`, { data: {} })).json()) as { id: string; title: string }[]
  expect(releases).toHaveLength(1)
  const releaseId = releases[0].id

  const sre = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage()
  await enterAs(sre, 'Sam Lee', 'sre', `#/releases/${releaseId}`)
  await expect(sre.getByTestId('signal-panel')).toHaveCount(6)
  await expect(sre.getByTestId('spark')).toHaveCount(6)
  for (const name of ['Canary error rate', 'Baseline error rate', 'Canary p95 latency', 'Baseline p95 latency', 'Throughput', 'Availability']) {
    await expect(panel(sre, name)).toHaveAttribute('data-state', 'ok', { timeout: 15_000 })
  }
  await expect(sre.getByTestId('canary-card')).toHaveCount(2)

  // Live: the throughput reading moves with each poll, with no reload of the page.
  const throughput = panel(sre, 'Throughput').getByTestId('signal-value')
  const first = await throughput.textContent()
  await expect.poll(async () => throughput.textContent(), { timeout: 10_000 }).not.toBe(first)
  await expect(panel(sre, 'Throughput').getByTestId('signal-canvas')).toBeVisible()

  // A second client, the SRE's lead, injects the fault from the demo control.
  const lead = await (await browser.newContext()).newPage()
  await enterAs(lead, 'Dana Okafor', 'devops-lead', `#/releases/${releaseId}`)
  await lead.getByTestId('demo-errors').click()
  await expect(sre.getByTestId('demo-control')).toHaveAttribute('data-fault', 'errors')

  await expect(panel(sre, 'Canary error rate')).toHaveAttribute('data-state', 'critical', { timeout: 20_000 })
  await expect(sre.locator('[data-testid=spark][data-signal="Canary error rate"]')).toHaveAttribute('data-state', 'critical')
  await expect(panel(sre, 'Baseline error rate')).not.toHaveAttribute('data-state', 'critical')
  // The sustained breach is recorded and opens an incident with the signal's severity.
  await expect(sre.locator('[data-testid=timeline-entry][data-kind="signal.breach"]')).toHaveCount(1, { timeout: 20_000 })
  await expect(sre.locator('[data-testid=timeline-entry][data-kind="incident.opened"]').first()).toContainText('Canary error rate')
  await expect(sre.getByTestId('incident-banner').first()).toHaveAttribute('data-severity', 'high')

  await sre.getByTestId('health-section').evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await sre.screenshot({ path: 'docs/screenshots/health.png' })
  await sre.getByTestId('theme-toggle').click()
  await sre.getByTestId('health-section').evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await sre.screenshot({ path: 'docs/screenshots/health-light.png' })
  await sre.getByTestId('room-header').evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await sre.screenshot({ path: 'docs/screenshots/health-strip.png', clip: { x: 0, y: 0, width: 1600, height: 560 } })
})
