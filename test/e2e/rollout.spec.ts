import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { removeDir, startHost, type RunningHost } from './host'
import { apiOf, enterAs as enterAsAt, people, type RoleKey } from './api'

let host: RunningHost
test.beforeEach(async () => {
  host = await startHost({ args: ['--no-demo'] })
})
test.afterEach(async () => {
  await host.stop()
  removeDir(host.dataDir)
})


const enterAs = (page: Page, who: RoleKey, path = '') => enterAsAt(page, host.url, who, path)

const api = <T,>(request: APIRequestContext, method: string, data: unknown) => apiOf(request, host.url).call<T>(method, data)
const advanceTo = (request: APIRequestContext, releaseId: string, to: 'staging' | 'production') => apiOf(request, host.url).advanceTo(releaseId, to)

const step = (page: Page, id: string) => page.locator(`[data-testid=lane-step][data-step-id="${id}"]`)
const SOAK_WAIT = { timeout: 15_000 }

test('a canary rollout whose second gate fails is rolled back by its owner, watched live by a second client', async ({ browser, request }) => {
  test.setTimeout(120_000)
  const release = await api<{ id: string }>(request, 'releases.create', {
    title: 'Checkout 2.6: saved carts',
    service: 'checkout',
    version: '2.6.0',
    strategy: 'canary',
    owner: 'Dana Okafor',
    actor: people['devops-lead']
  })
  const releaseId = release.id
  await advanceTo(request, releaseId, 'staging')

  const lead = await (await browser.newContext()).newPage()
  await enterAs(lead, 'devops-lead', `#/releases/${releaseId}`)
  const watcher = await (await browser.newContext()).newPage()
  await enterAs(watcher, 'observer', `#/releases/${releaseId}`)
  await expect(watcher.getByTestId('lane-step')).toHaveCount(4)

  // The lead edits the default four-step canary down to three short steps.
  await lead.getByTestId('plan-edit').click()
  await expect(lead.getByTestId('plan-step-row')).toHaveCount(4)
  await lead.getByTestId('plan-step-remove').nth(2).click()
  await expect(lead.getByTestId('plan-step-row')).toHaveCount(3)
  const soaks = lead.getByTestId('plan-step-soak')
  for (let i = 0; i < 3; i++) await soaks.nth(i).fill('3')
  await lead.getByTestId('plan-save').click()
  await expect(lead.getByTestId('plan-editor')).toHaveCount(0)
  await expect(watcher.getByTestId('lane-step')).toHaveCount(3)
  await expect(watcher.getByTestId('lane-step').nth(1)).toContainText('25%')
  await expect(watcher.getByTestId('lane-step').nth(2)).toContainText('soak 0:03')

  // Staging is the dress rehearsal: the rollout starts in production.
  await expect(lead.getByTestId('rollout-start')).toHaveCount(0)
  await advanceTo(request, releaseId, 'production')
  await expect(lead.getByTestId('release-status')).toHaveText('production')
  await lead.getByTestId('rollout-start').click()
  await expect(watcher.getByTestId('rollout-status')).toHaveAttribute('data-status', 'running')
  await expect(step(watcher, 'canary-5')).toHaveAttribute('data-state', 'soaking')
  await expect(step(watcher, 'canary-5').getByTestId('soak-countdown')).toBeVisible()
  await expect(watcher.getByTestId('figure-deployment')).toBeVisible()

  // With no signals wired, the health gate waits for the SRE's verdict once the soak ends.
  const sre = await (await browser.newContext()).newPage()
  await enterAs(sre, 'sre', `#/releases/${releaseId}`)
  await expect(step(sre, 'canary-5')).toHaveAttribute('data-state', 'awaiting-gate', SOAK_WAIT)
  await sre.getByTestId('gate-rationale').fill('Error rate and p95 flat on the dashboard')
  await sre.getByTestId('gate-pass').click()
  await expect(step(watcher, 'canary-5')).toHaveAttribute('data-state', 'passed')
  await lead.getByTestId('rollout-advance').click()
  await expect(step(watcher, 'canary-25')).toHaveAttribute('data-state', 'soaking')
  await expect(step(sre, 'canary-25')).toHaveAttribute('data-state', 'awaiting-gate', SOAK_WAIT)
  await sre.getByTestId('gate-rationale').fill('Checkout 5xx at 4% on the canary; p95 900 ms')
  await sre.getByTestId('gate-fail').click()

  // The failed gate holds the rollout and opens a high incident with its deadline, on every screen.
  await expect(step(watcher, 'canary-25')).toHaveAttribute('data-state', 'failed')
  await expect(watcher.getByTestId('rollout-status')).toHaveAttribute('data-status', 'held')
  const banner = watcher.getByTestId('incident-banner')
  await expect(banner).toHaveAttribute('data-severity', 'high')
  await expect(banner.getByTestId('incident-countdown')).toContainText(/Respond within (59:\d\d|1:00:00)/)
  await expect(lead.getByTestId('incident-banner')).toBeVisible()
  // The lane with the header strip above it: figures, the incident and its deadline.
  await lead.getByTestId('figures').evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await lead.screenshot({ path: 'docs/screenshots/rollout-lane.png' })

  // The owner walks the decision tree: critical, roll back now.
  await lead.getByTestId('incident-walk').click()
  const dialog = lead.getByTestId('decision-dialog')
  await expect(dialog.getByTestId('decision-question')).toContainText('Is it critical?')
  await dialog.getByTestId('decision-yes').click()
  await expect(dialog.getByTestId('decision-error')).toContainText('Rationale is required')
  await dialog.getByTestId('decision-rationale').fill('Paying customers cannot check out on the canary: treat as critical')
  await dialog.getByTestId('decision-yes').click()
  await expect(dialog.getByTestId('decision-outcome')).toHaveAttribute('data-outcome', 'rollback-now')
  await expect(dialog.getByTestId('decision-path-step')).toHaveCount(1)
  await expect(dialog.getByTestId('decision-path')).toContainText('Dana Okafor')
  await lead.screenshot({ path: 'docs/screenshots/decision-tree.png' })
  await dialog.getByTestId('decision-close').click()
  await expect(watcher.getByTestId('incident-countdown')).toContainText('Decided in')

  // The rollback procedure runs against its 15-minute target; the lead ticks each step.
  await expect(watcher.getByTestId('rollout-status')).toHaveAttribute('data-status', 'rolling-back')
  await expect(watcher.getByTestId('rollback-checklist')).toBeVisible()
  await expect(watcher.getByTestId('rollback-elapsed')).toContainText('of 15:00 target')
  const rollbackSteps = lead.getByTestId('rollback-step')
  await expect(rollbackSteps).toHaveCount(4)
  for (let i = 0; i < 4; i++) {
    await rollbackSteps.nth(i).getByTestId('rollback-step-done').click()
    await expect(watcher.getByTestId('rollback-step').nth(i)).toHaveAttribute('data-done', 'true')
  }

  // The release ends rolled-back with its reason and rollback time, on the record and on the timeline.
  await expect(watcher.getByTestId('release-status')).toHaveText('rolled-back')
  await expect(watcher.getByTestId('ended-reason')).toContainText('Roll back now after the high incident')
  await expect(watcher.getByTestId('rollback-checklist')).toHaveAttribute('data-finished', 'true')
  await expect(watcher.getByTestId('figure-rollback')).toContainText('/ 15:00')
  await expect(watcher.locator('[data-testid=timeline-entry][data-kind="release.rolled-back"]')).toContainText('Rolled back from production in')

  const room = await api<{
    release: { status: string; endedReason: string }
    rollout: { state: { status: string; rolledBackAt: number | null } }
    figures: { rollback: { elapsedMs: number; status: string } }
    incidents: { severity: string; outcome: string; answers: { actor: { name: string } }[] }[]
  }>(request, 'releases.get', { releaseId })
  expect(room.release.status).toBe('rolled-back')
  expect(room.release.endedReason).toBe(
    'Roll back now after the high incident "Gate failed at "25% of traffic" by Sam Lee: Checkout 5xx at 4% on the canary; p95 900 ms": Paying customers cannot check out on the canary: treat as critical'
  )
  expect(room.rollout.state.status).toBe('rolled-back')
  expect(room.rollout.state.rolledBackAt).not.toBeNull()
  expect(room.figures.rollback.status).toBe('met')
  expect(room.incidents[0]).toMatchObject({ severity: 'high', outcome: 'rollback-now', answers: [{ actor: { name: 'Dana Okafor' } }] })
  const entries = await api<{ kind: string; data: Record<string, unknown> }[]>(request, 'timeline.list', { releaseId, limit: 5000 })
  const kinds = entries.map((e) => e.kind).reverse()
  for (const kind of ['rollout.plan-set', 'rollout.started', 'rollout.soak-ended', 'rollout.gate', 'incident.opened', 'incident.decided', 'rollback.started', 'release.rolled-back']) {
    expect(kinds).toContain(kind)
  }
  expect(entries.find((e) => e.kind === 'release.rolled-back')!.data).toMatchObject({ reason: room.release.endedReason, rollbackMs: room.figures.rollback.elapsedMs })
  // The watcher's timeline holds every entry, received live.
  await expect(watcher.getByTestId('timeline-entry')).toHaveCount(entries.length)
})

test('a rolling plan is edited as labelled fields, and a bad batch size is named by its field', async ({ page, request }) => {
  const release = await api<{ id: string }>(request, 'releases.create', {
    title: 'Search 4.1: ranking model',
    service: 'search',
    version: '4.1.0',
    strategy: 'rolling',
    owner: 'Dana Okafor',
    actor: people['devops-lead']
  })
  await enterAs(page, 'devops-lead', `#/releases/${release.id}`)
  await page.getByTestId('plan-edit').click()
  await expect(page.getByTestId('plan-field-instances')).toHaveValue('10')

  await page.getByTestId('plan-field-instances').fill('6')
  await page.getByTestId('plan-field-batchSize').fill('8')
  await page.getByTestId('plan-save').click()
  await expect(page.getByTestId('plan-error')).toContainText('Batch size: batchSize cannot be larger than the number of instances')

  await page.getByTestId('plan-field-batchSize').fill('3')
  await page.getByTestId('plan-field-soakSeconds').fill('120')
  await page.screenshot({ path: 'docs/screenshots/plan-fields.png' })
  await page.getByTestId('plan-save').click()
  await expect(page.getByTestId('plan-editor')).toHaveCount(0)
  await expect(page.getByTestId('lane-step')).toHaveCount(2)
  await expect(page.getByTestId('lane-step').first()).toContainText('3 of 6')

  const room = await api<{ rollout: { plan: unknown } }>(request, 'releases.get', { releaseId: release.id })
  expect(room.rollout.plan).toEqual({ strategy: 'rolling', instances: 6, batchSize: 3, soakSeconds: 120, gate: 'health' })
})
