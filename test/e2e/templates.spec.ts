import { expect, test } from '@playwright/test'
import { removeDir, startHost, type RunningHost } from './host'

let host: RunningHost
test.beforeEach(async () => {
  host = await startHost({ args: ['--no-demo'] })
})
test.afterEach(async () => {
  await host.stop()
  removeDir(host.dataDir)
})

test('a team imports its Markdown checklist as a template, sees a bad line named, and plans a release with it', async ({ page }) => {
  await page.goto(host.url)
  await page.getByTestId('identity-name').fill('Dana Okafor')
  await page.getByTestId('identity-submit').click()
  await page.getByTestId('nav-templates').click()
  await expect(page.getByTestId('template-row')).toHaveCount(4)

  await page.getByTestId('import-format').selectOption('markdown')
  await page.getByTestId('import-name').fill('Payments hotfix runbook')
  await page.getByTestId('import-content').fill('## Pre-deployment\n- [ ] Card vault backup verified @sre\n- [ ] PCI scan clean @wizard\n')
  await page.getByTestId('import-submit').click()
  await expect(page.getByTestId('import-errors')).toContainText('line 3: @wizard is not a role')
  await expect(page.getByTestId('template-row')).toHaveCount(4)

  await page.getByTestId('import-content').fill('## Pre-deployment\n- [ ] Card vault backup verified @sre\n- [ ] PCI scan clean @security-lead\n')
  await page.getByTestId('import-submit').click()
  await expect(page.getByTestId('template-row')).toHaveCount(5)

  await page.goto(`${host.url}#/`)
  await page.getByTestId('new-release').click()
  await page.getByTestId('create-title').fill('Payments 5.1.1 hotfix')
  await page.getByTestId('create-service').fill('payments')
  await page.getByTestId('create-version').fill('5.1.1')
  await page.getByTestId('create-owner').fill('Dana Okafor')
  await page.getByTestId('create-template').selectOption({ label: 'Payments hotfix runbook (2 items)' })
  await page.getByTestId('create-submit').click()
  await expect(page.getByTestId('item-row')).toHaveCount(2)

  // Planning: the lead adds an item of their own.
  await page.getByTestId('add-item').click()
  await page.getByTestId('new-item-title').fill('Merchant support told')
  await page.getByTestId('new-item-owner').selectOption('product-owner')
  await page.getByTestId('editor-submit').click()
  await expect(page.getByTestId('item-row')).toHaveCount(3)

  // …edits one and moves it up within its phase.
  await page.locator('[data-testid=item-row][data-key=pci-scan-clean]').dblclick()
  await page.getByTestId('edit-title').fill('PCI ASV scan clean')
  await page.getByTestId('edit-save').click()
  await page.getByTestId('move-up').click()
  await expect(page.getByTestId('item-row').first()).toContainText('PCI ASV scan clean')
  await page.keyboard.press('Escape')

  // …and keeps the result as a template for the next hotfix.
  await page.getByTestId('save-as-template').click()
  await page.getByTestId('template-name').fill('Payments hotfix v2')
  await page.getByTestId('template-save').click()
  await expect(page.locator('.save-template')).toContainText('Saved as "Payments hotfix v2"')
  await page.screenshot({ path: 'docs/screenshots/templates-release.png' })
})
