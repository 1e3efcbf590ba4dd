import { expect, test } from '@playwright/test'
import { removeDir, startHost, type RunningHost } from './host'
import { apiOf, enterAs, people } from './api'

let host: RunningHost
test.beforeEach(async () => {
  host = await startHost({ args: ['--no-demo'] })
})
test.afterEach(async () => {
  await host.stop()
  removeDir(host.dataDir)
})

const shortPlan = {
  strategy: 'canary',
  steps: [
    { id: 'canary-10', label: '10% of traffic', trafficPercent: 10, soakSeconds: 600, gate: 'manual' },
    { id: 'canary-100', label: '100% of traffic', trafficPercent: 100, soakSeconds: 600, gate: 'manual' }
  ]
}

test('the delivery history shows the four keys, their trend, error budgets and a table that filters', async ({ page, request }) => {
  test.setTimeout(60_000)
  const api = apiOf(request, host.url)
  const dana = people['devops-lead']
  const create = async (title: string, service: string, extra: Record<string, unknown> = {}) =>
    (await api.call<{ id: string }>('releases.create', { title, service, version: '1.0.0', strategy: 'canary', owner: dana.name, actor: dana, ...extra })).id

  // Two checkout deployments (one rolled back after an incident), one payments deployment, one release still planned.
  const saved = await create('Checkout 2.6: saved carts', 'checkout', { commitAt: new Date(Date.now() - 3 * 3_600_000).toISOString() })
  await api.advanceTo(saved, 'production')

  const broken = await create('Checkout 2.7: new tax engine', 'checkout')
  await api.call('rollout.plan.set', { releaseId: broken, plan: shortPlan, actor: dana })
  await api.advanceTo(broken, 'production')
  await api.call('rollout.start', { releaseId: broken, actor: dana })
  const incident = await api.call<{ id: string }>('incidents.open', { releaseId: broken, severity: 'critical', summary: 'Tax totals wrong at checkout', actor: people.sre })
  await api.call('incidents.answer', { releaseId: broken, incidentId: incident.id, nodeId: 'is-critical', answer: 'yes', rationale: 'Customers are overcharged', actor: dana })
  for (const [stepId, who] of [['announce', dana], ['revert', dana], ['verify', people.sre], ['notify', people['product-owner']]] as const) {
    await api.call('rollback.completeStep', { releaseId: broken, stepId, actor: who })
  }

  const payments = await create('Payments 4.1: 3-D Secure 2', 'payments', { commitAt: new Date(Date.now() - 30 * 3_600_000).toISOString() })
  await api.advanceTo(payments, 'production')
  await create('Search 1.0: typo tolerance', 'search')
  await api.call('history.slo.set', { service: 'checkout', targetPercent: 99.9, windowDays: 30, reason: 'Checkout is tier 1', actor: people.sre })

  await enterAs(page, host.url, 'sre')
  await page.getByTestId('nav-history').click()
  await expect(page).toHaveURL(/#\/history$/)
  await expect(page.getByTestId('history-view')).toBeVisible()

  // Across every service: three deployments, one of them failed.
  await expect(page.getByTestId('dora-changeFailureRate')).toContainText('33%')
  await expect(page.getByTestId('dora-changeFailureRate')).toHaveAttribute('data-band', 'low')
  await expect(page.getByTestId('dora-changeFailureRate')).toContainText('1 of 3 deployments needed a rollback or fix')
  await expect(page.getByTestId('dora-deploymentFrequency')).toContainText('3 deployments in 90 days')
  await expect(page.getByTestId('dora-leadTimeForChanges')).toContainText('over 2 releases with a commit time')
  await expect(page.getByTestId('dora-timeToRestore')).toContainText('over 1 incident')
  await expect(page.getByTestId('history-row')).toHaveCount(4)

  // One service: the tiles follow it.
  await page.getByTestId('history-service').selectOption('checkout')
  await expect(page.getByTestId('dora-changeFailureRate')).toContainText('50%')
  await expect(page.getByTestId('dora-window')).toContainText('for checkout')

  // The table's own filters and search.
  await page.getByTestId('history-filter-outcome').selectOption('failed')
  await expect(page.getByTestId('history-row')).toHaveCount(1)
  await expect(page.getByTestId('history-row').first()).toContainText('rolled back')
  await page.getByTestId('history-filter-outcome').selectOption('all')
  await page.getByTestId('history-search').fill('payments')
  await expect(page.getByTestId('history-row')).toHaveCount(1)
  await expect(page.getByTestId('history-count')).toHaveText('1 of 4')
  await page.getByTestId('history-search').fill('')
  await page.getByTestId('history-filter-outcome').selectOption('undeployed')
  await expect(page.getByTestId('history-row')).toHaveCount(1)
  await expect(page.getByTestId('history-row').first()).toContainText('Search 1.0')
  await page.getByTestId('history-filter-outcome').selectOption('all')

  // Error budgets: checkout has its SLO; the SRE sets one for payments from the view.
  const checkoutBudget = page.locator('[data-testid=budget][data-service=checkout]')
  await expect(checkoutBudget).toContainText('99.9% over 30 days · budget 43 min')
  await expect(checkoutBudget).toContainText('Set by Sam Lee (SRE)')
  await page.getByTestId('slo-service').fill('payments')
  await page.getByTestId('slo-target').fill('99.95')
  await page.getByTestId('slo-save').click()
  await expect(page.locator('[data-testid=budget][data-service=payments]')).toContainText('99.95% over 30 days')

  await page.getByTestId('bucket-month').click()
  await expect(page.getByTestId('bucket-month')).toHaveAttribute('aria-pressed', 'true')
  await page.getByTestId('bucket-week').click()
  await page.getByTestId('history-service').selectOption('')
  await expect(page.getByTestId('dora-changeFailureRate')).toContainText('33%')
  await page.screenshot({ path: 'docs/screenshots/history.png', fullPage: true })

  // The commit time lead time runs from is among the release's facts.
  await page.getByRole('link', { name: 'Checkout 2.6: saved carts' }).click()
  await expect(page.getByTestId('release-facts')).toContainText('Change committed')
})
