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

type Gate = { id: string; blockers: string[]; items: { open: { id: string; ownerRole: keyof typeof people }[] }; approvals: { role: keyof typeof people }[] }

test('the team fills the post-release review in the room, and only then can the release close', async ({ page, request }) => {
  test.setTimeout(90_000)
  const api = apiOf(request, host.url)
  const releaseId = await api.createRelease({
    title: 'Checkout 2.6: saved carts',
    windowStart: new Date(Date.now() - 25 * 60_000).toISOString(),
    successCriteria: [{ description: 'Saved-cart conversion holds', target: '≥ 3.1%' }]
  })
  // A record worth reviewing: a blocked item, a no-go that was later withdrawn, an incident in production.
  const room = await api.call<{ checklist: { id: string; phase: string; ownerRole: string }[] }>('releases.get', { releaseId })
  const backups = room.checklist.find((i) => i.phase === 'pre-deployment' && i.ownerRole === 'sre')!
  await api.call('checklist.set', { releaseId, itemId: backups.id, status: 'blocked', note: 'Restore test failed on the replica', actor: people.sre })
  await api.call('decisions.vote', { releaseId, gate: 'ready', verdict: 'no-go', rationale: 'Backups not verified yet', actor: people.sre })
  await api.advanceTo(releaseId, 'production')
  await api.call('incidents.open', { releaseId, severity: 'medium', summary: 'Coupon service slow under canary traffic', actor: people.sre })
  await api.advanceTo(releaseId, 'validating')
  // Everything else the closure gate asks for, so the review is what remains.
  const closed = async () => (await api.call<{ gates: Gate[] }>('releases.get', { releaseId })).gates.find((g) => g.id === 'closed')!
  const gate = await closed()
  for (const item of gate.items.open) await api.call('checklist.set', { releaseId, itemId: item.id, status: 'done', actor: people[item.ownerRole] })
  for (const a of gate.approvals) await api.call('decisions.vote', { releaseId, gate: 'closed', verdict: 'go', rationale: 'Validated', actor: people[a.role] })

  await page.setViewportSize({ width: 1500, height: 1000 })
  await enterAs(page, host.url, 'project-manager', `#/releases/${releaseId}`)
  const panel = page.getByTestId('review-panel')
  await expect(panel).toBeVisible()
  await expect(page.getByTestId('next-gate-blockers')).toContainText('Post-release review not complete: 20 questions not answered')
  await expect(page.getByTestId('review-headlines')).toContainText('1 incident, 0 critical')
  await expect(page.getByTestId('review-caught')).toContainText('Restore test failed on the replica')
  await expect(page.getByTestId('review-decisions')).toContainText('SRE voted no-go on "Go for deployment": Backups not verified yet')

  const answers: Record<string, string> = {
    'tech-plan': 'Yes, apart from a 12-minute hold at 25% for the coupon service.',
    'tech-surprises': 'Coupon latency doubled under canary traffic.',
    'tech-duration': 'About 35 minutes against 30 planned.',
    'tech-rollback': 'No; the slow coupon path was fixed in place.',
    'tech-metrics': 'Checkout p95 down 8%; coupon p95 up until the fix.',
    'process-checklist': 'Yes: it caught the failed restore test before we started.',
    'process-monitoring': 'Yes, the canary chart showed it four minutes before support did.',
    'process-communication': 'Support heard late; add them to the imminent notice.',
    'process-roles': 'Yes.',
    'process-smoother': 'Run the restore test the day before.',
    'people-prepared': 'Yes.',
    'people-training': 'The new SRE had not run a canary before; pair next time.',
    'people-stress': 'Calm; the hold gave time to think.',
    'people-support': 'Yes.',
    'people-experience': 'Start the window an hour earlier.',
    'business-users': 'Saved carts used by 4% of sessions on day one.',
    'business-objectives': 'Conversion held at 3.2% (target 3.1%).',
    'business-timely': 'Yes, before the holiday freeze.'
  }
  for (const [id, text] of Object.entries(answers)) {
    const q = panel.locator(`[data-question="${id}"]`)
    await q.locator('textarea').fill(text)
    await q.getByTestId('question-save').click()
    await expect(q).toHaveAttribute('data-state', 'answered')
  }
  for (const id of ['business-worth', 'business-return']) {
    const q = panel.locator(`[data-question="${id}"]`)
    await q.locator('textarea').fill('Too early to tell; revisit at the quarterly review.')
    await q.getByTestId('question-na').click()
    await expect(q).toHaveAttribute('data-state', 'n/a')
  }

  await panel.getByTestId('lessons-edit').click()
  await panel.getByTestId('lessons-text').fill('Run the restore test the day before the window\nAdd support to the production-imminent notice')
  await panel.getByTestId('lessons-save').click()
  await expect(panel.getByTestId('review-lessons')).toContainText('Add support to the production-imminent notice')

  // An action captured in the meeting without an owner holds the review open until someone takes it.
  await panel.getByTestId('action-title').fill('Automate the restore test in CI')
  await panel.getByTestId('action-submit').click()
  await expect(panel.getByTestId('review-missing')).toContainText('1 action item has no owner: "Automate the restore test in CI"')
  await expect(page.getByTestId('next-gate-blockers')).toContainText('1 action item has no owner')
  await panel.getByTestId('action-assign').click()
  await panel.getByTestId('assign-owner-name').fill('Sam Lee')
  await panel.getByTestId('assign-owner-role').selectOption('sre')
  await panel.getByRole('button', { name: 'Assign', exact: true }).click()
  await panel.getByTestId('action-title').fill('Add support to the imminent notice template')
  await panel.getByTestId('action-owner-name').fill('Mo Diallo')
  await panel.getByTestId('action-owner-role').selectOption('project-manager')
  await panel.getByTestId('action-due').fill('2026-12-15')
  await panel.getByTestId('action-submit').click()
  await expect(panel.getByTestId('review-action')).toHaveCount(2)

  await expect(page.getByTestId('next-gate-blockers')).toContainText('Post-release review not marked complete')
  await expect(panel.getByTestId('review-status')).toHaveText('Ready to complete')
  await panel.getByTestId('review-complete').click()
  await expect(panel.getByTestId('review-status')).toHaveText('Completed by Mo Diallo')
  expect((await closed()).blockers).toEqual([])

  await panel.screenshot({ path: 'docs/screenshots/review.png' })

  await api.call('releases.advance', { releaseId, actor: people['devops-lead'] })
  await expect(page.getByTestId('review-panel')).toContainText('Completed by Mo Diallo')
})

test('the product owner names the signal a success criterion is read from at the end of validation', async ({ page, request }) => {
  const api = apiOf(request, host.url)
  const releaseId = await api.createRelease({
    title: 'Checkout 2.6: saved carts',
    successCriteria: [{ description: 'Error rate stays low', target: '< 0.1%' }]
  })
  const signal = {
    name: 'Error rate',
    source: { kind: 'prometheus', url: 'http://127.0.0.1:9', query: 'sum(rate(http_requests_total{code=~"5.."}[2m]))' },
    unit: '%',
    thresholds: { direction: 'above', critical: 1 },
    severity: 'high'
  }
  await api.call('signals.add', { releaseId, signal, actor: people['devops-lead'] })
  await api.advanceTo(releaseId, 'production')

  await enterAs(page, host.url, 'product-owner', `#/releases/${releaseId}`)
  const outcome = page.getByTestId('outcome')
  await outcome.getByTestId('outcome-link-edit').click()
  await outcome.getByTestId('outcome-link-signal').selectOption({ label: 'Error rate' })
  await outcome.getByTestId('outcome-link-comparator').selectOption('<')
  await outcome.getByTestId('outcome-link-value').fill('0.1')
  await outcome.getByTestId('outcome-link-minutes').fill('120')
  await outcome.getByTestId('outcome-link-save').click()
  await expect(outcome.getByTestId('outcome-link')).toContainText('Read from Error rate: mean < 0.1% over the first 120 min of validation')
  await expect(outcome.getByTestId('outcome-link-edit')).toHaveText('Change signal')
  await page.getByTestId('closure-panel').screenshot({ path: test.info().outputPath('outcome-link.png') })
})
