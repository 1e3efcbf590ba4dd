import { expect, test } from '@playwright/test'
import { removeDir, startHost, type RunningHost } from './host'
import { apiOf } from './api'

let host: RunningHost
test.beforeEach(async () => {
  host = await startHost({ args: ['--no-demo'] })
})
test.afterEach(async () => {
  await host.stop()
  removeDir(host.dataDir)
})

test('the product owner writes the release notes and records an outcome once the release is live', async ({ page, request }) => {
  const api = apiOf(request, host.url)
  const releaseId = await api.createRelease({
    title: 'Checkout 2.6: saved carts',
    successCriteria: [{ description: 'Saved-cart conversion holds', target: '≥ 3.1%' }]
  })
  await api.advanceTo(releaseId, 'production')

  await page.goto(`${host.url}#/releases/${releaseId}`)
  await page.getByTestId('identity-name').fill('Priya Raman')
  await page.getByTestId('identity-role').selectOption('product-owner')
  await page.getByTestId('identity-submit').click()
  await page.getByTestId('notes-whatsNew').fill('- Saved carts survive a logout')
  await page.getByTestId('notes-save').click()
  await expect(page.getByTestId('closure-panel')).toContainText('last edited by Priya Raman')

  await page.getByLabel('Measured value for Saved-cart conversion holds').fill('3.2%')
  await page.getByTestId('outcome-met').click()
  await expect(page.getByTestId('outcome')).toHaveAttribute('data-result', 'met')
  await expect(page.getByTestId('outcome')).toContainText('measured 3.2%')
  await page.getByTestId('closure-panel').screenshot({ path: 'docs/screenshots/closure.png' })
})
