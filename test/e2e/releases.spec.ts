import { expect, test, type Page } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import { removeDir, startHost, type RunningHost } from './host'

let host: RunningHost
test.beforeEach(async () => {
  host = await startHost({ args: ['--no-demo'] })
})
test.afterEach(async () => {
  await host.stop()
  removeDir(host.dataDir)
})

async function enter(page: Page, name: string, role: string) {
  await page.goto(host.url)
  await expect(page.getByTestId('identity-prompt')).toBeVisible()
  await page.getByTestId('identity-name').fill(name)
  await page.getByTestId('identity-role').selectOption(role)
  await page.getByTestId('identity-submit').click()
  await expect(page.getByTestId('releases-view')).toBeVisible()
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live')
}

async function createRelease(page: Page, f: { title: string; service: string; version: string; owner: string; strategy?: string }) {
  await page.getByTestId('new-release').click()
  await page.getByTestId('create-title').fill(f.title)
  await page.getByTestId('create-service').fill(f.service)
  await page.getByTestId('create-version').fill(f.version)
  await page.getByTestId('create-owner').fill(f.owner)
  if (f.strategy) await page.getByTestId('create-strategy').selectOption(f.strategy)
  await page.getByTestId('create-submit').click()
}

async function createAndReturn(page: Page, f: Parameters<typeof createRelease>[1]) {
  await createRelease(page, f)
  await expect(page.getByTestId('release-title')).toHaveText(f.title)
  await page.getByRole('link', { name: '← All releases' }).click()
  await expect(page.getByTestId('releases-view')).toBeVisible()
}

test('a release created in one client appears in another within a second, without a refresh', async ({ browser }) => {
  const lead = await (await browser.newContext()).newPage()
  const sre = await (await browser.newContext()).newPage()
  await enter(lead, 'Dana Okafor', 'devops-lead')
  await enter(sre, 'Sam Lee', 'sre')
  await expect(sre.getByTestId('release-row')).toHaveCount(0)

  await createRelease(lead, { title: 'Checkout 2.6: saved carts', service: 'checkout', version: '2.6.0', owner: 'Dana Okafor' })
  await expect(lead.getByTestId('release-title')).toHaveText('Checkout 2.6: saved carts')
  await expect(lead.getByTestId('release-status')).toHaveText('planning')

  await expect(sre.getByTestId('release-row')).toHaveCount(1, { timeout: 1000 })
  await expect(sre.getByTestId('release-row').first()).toContainText('Checkout 2.6: saved carts')
  await expect(sre.getByTestId('release-row').first()).toContainText('Dana Okafor')
})

test('the create form shows the host’s reasons beside the fields and keeps what was typed', async ({ page }) => {
  await enter(page, 'Dana Okafor', 'devops-lead')
  await page.getByTestId('new-release').click()
  await page.getByTestId('create-title').fill('Half-filled')
  await page.getByTestId('create-submit').click()
  await expect(page.getByTestId('create-error')).toContainText('Service is required')
  await expect(page.getByTestId('create-title')).toHaveValue('Half-filled')
  await expect(page.locator('label.invalid')).toHaveCount(3)
})

test('who you are is remembered by this client', async ({ page }) => {
  await enter(page, 'Priya Raman', 'product-owner')
  await page.reload()
  await expect(page.getByTestId('identity-chip')).toHaveText(/Priya Raman · Product owner/)
})

test('the releases table sorts and filters', async ({ page }) => {
  await enter(page, 'Dana Okafor', 'devops-lead')
  for (const [title, service, strategy] of [
    ['Search 1.4', 'search', 'rolling'],
    ['Billing 3.0', 'billing', 'blue-green'],
    ['Checkout 2.6', 'checkout', 'canary']
  ]) {
    await createAndReturn(page, { title, service, version: '1.0.0', owner: 'Dana Okafor', strategy })
  }
  const rows = page.getByTestId('release-row')
  await expect(rows).toHaveCount(3)
  await expect(rows.first()).toContainText('Checkout 2.6')

  await page.getByRole('button', { name: 'Service' }).click()
  await expect(rows.first()).toContainText('Billing 3.0')

  await page.getByTestId('filter-strategy').selectOption('rolling')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('Search 1.4')
  await page.getByTestId('filter-strategy').selectOption('')

  await page.getByTestId('release-search').fill('bill')
  await expect(rows).toHaveCount(1)
  await expect(page.getByTestId('release-count')).toHaveText('1 of 3')
})

test('screenshot: the releases view', async ({ page }) => {
  await enter(page, 'Dana Okafor', 'devops-lead')
  for (const [title, service, version, strategy, owner] of [
    ['Checkout 2.6: saved carts', 'checkout', '2.6.0', 'canary', 'Dana Okafor'],
    ['Payments API 5.1', 'payments', '5.1.0', 'blue-green', 'Sam Lee'],
    ['Search indexer 1.4', 'search', '1.4.2', 'rolling', 'Ana Costa'],
    ['Legacy reports 9.0', 'reports', '9.0.0', 'big-bang', 'Lee Park']
  ]) {
    await createAndReturn(page, { title, service, version, owner, strategy })
  }
  await expect(page.getByTestId('release-row')).toHaveCount(4)
  mkdirSync('docs/screenshots', { recursive: true })
  await page.screenshot({ path: 'docs/screenshots/releases.png' })
  await page.getByTestId('theme-toggle').click()
  await page.screenshot({ path: 'docs/screenshots/releases-light.png' })
})
