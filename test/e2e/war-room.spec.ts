import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { removeDir, startHost, type RunningHost } from './host'
import { enterAs as enterAsAt, people, type RoleKey } from './api'

let host: RunningHost
test.beforeEach(async () => {
  host = await startHost({ args: ['--no-demo'] })
})
test.afterEach(async () => {
  await host.stop()
  removeDir(host.dataDir)
})


const enterAs = (page: Page, who: RoleKey, path = '') => enterAsAt(page, host.url, who, path)

async function api<T>(request: APIRequestContext, method: string, data: unknown): Promise<T> {
  const res = await request.post(`${host.url}api/${method}`, { data })
  expect(res.status(), `${method}: ${await res.text()}`).toBe(200)
  return (await res.json()) as T
}

async function vote(page: Page, verdict: 'go' | 'no-go', why: string) {
  await page.getByTestId(`verdict-${verdict}`).click()
  await page.getByTestId('vote-rationale').fill(why)
  await page.getByTestId('vote-submit').click()
}

test('a release through its first gate, watched live by a second client', async ({ browser, request }) => {
  const lead = await (await browser.newContext()).newPage()
  await enterAs(lead, 'devops-lead')
  await lead.getByTestId('new-release').click()
  await lead.getByTestId('create-title').fill('Checkout 2.6: saved carts')
  await lead.getByTestId('create-service').fill('checkout')
  await lead.getByTestId('create-version').fill('2.6.0')
  await lead.getByTestId('create-owner').fill('Dana Okafor')
  await lead.getByTestId('create-windowStart').fill('2030-01-20T14:00')
  await lead.getByTestId('create-windowEnd').fill('2030-01-20T16:00')
  await lead.getByTestId('create-participants').fill('Sam Lee @sre\nPriya Raman @product-owner')
  await lead.getByTestId('create-criteria').fill('Saved-cart conversion holds :: ≥ 3.1%')
  await lead.getByTestId('create-submit').click()
  await expect(lead.getByTestId('release-status')).toHaveText('planning')
  await expect(lead.getByTestId('release-facts')).toContainText('Sam Lee · SRE')
  await expect(lead.getByTestId('release-facts')).toContainText('Saved-cart conversion holds — target ≥ 3.1%')
  const releaseId = decodeURIComponent(new URL(lead.url()).hash.split('/')[2])
  await expect(lead.getByTestId('window-countdown')).toContainText('Window opens in')

  // The SRE watches from another machine; nothing below reloads this page.
  const watcher = await (await browser.newContext()).newPage()
  await enterAs(watcher, 'sre', `#/releases/${releaseId}`)
  await expect(watcher.getByTestId('release-title')).toHaveText('Checkout 2.6: saved carts')

  // The product owner says go early: the vote is kept, but the gate still names what is open.
  const po = await (await browser.newContext()).newPage()
  await enterAs(po, 'product-owner', `#/releases/${releaseId}`)
  await vote(po, 'go', 'Support is staffed for the window')
  await expect(watcher.locator('[data-testid=approval][data-role=product-owner]')).toHaveAttribute('data-verdict', 'go')

  await lead.getByTestId('advance').click()
  await expect(lead.getByTestId('advance-error')).toContainText('Cannot move to ready: 16 required items not done')
  await expect(lead.getByTestId('advance-error')).toContainText('Backups verified by a test restore (SRE)')
  await expect(lead.getByTestId('release-status')).toHaveText('planning')

  // The lead ticks their own items from the keyboard.
  await lead.getByTestId('filter-my-role').check()
  const leadItems = lead.getByTestId('item-row')
  const count = await leadItems.count()
  await leadItems.first().focus()
  for (let i = 0; i < count; i++) {
    await lead.keyboard.press('Space')
    await expect(leadItems.nth(i)).toHaveAttribute('data-status', 'done')
    if (i < count - 1) await lead.keyboard.press('ArrowDown')
  }
  await expect(watcher.locator('[data-testid=item-row][data-key=rollback-tested]')).toHaveAttribute('data-status', 'done')

  // The security lead waives the compliance check, with a reason, from the dialog.
  const sec = await (await browser.newContext()).newPage()
  await enterAs(sec, 'security-lead', `#/releases/${releaseId}`)
  await sec.locator('[data-testid=item-row][data-key=compliance-check]').focus()
  await sec.keyboard.press('n')
  await sec.getByTestId('item-status').selectOption('waived')
  await sec.getByTestId('item-save').click()
  await expect(sec.getByTestId('item-error')).toContainText('a reason is required')
  await sec.getByTestId('item-note').fill('No regulated data touched by this change')
  await sec.getByTestId('item-save').click()
  await expect(watcher.locator('[data-testid=item-row][data-key=compliance-check]')).toHaveAttribute('data-status', 'waived')

  // The other owners tick theirs from their own tools, over the same API.
  const room = await api<{ checklist: { id: string; key: string; phase: string; ownerRole: RoleKey; status: string }[] }>(request, 'releases.get', { releaseId })
  for (const item of room.checklist.filter((i) => ['strategy', 'pre-deployment'].includes(i.phase) && i.status === 'open')) {
    await api(request, 'checklist.set', { releaseId, itemId: item.id, status: 'done', evidence: `https://ci.example/${item.key}`, actor: people[item.ownerRole] })
  }
  for (const role of ['sre', 'security-lead', 'qa-lead'] as const) {
    await api(request, 'decisions.vote', { releaseId, gate: 'ready', verdict: 'go', rationale: `${role} ready`, actor: people[role] })
  }
  await vote(lead, 'go', 'Runbook rehearsed; window booked')
  await expect(lead.getByTestId('next-gate')).toContainText('All criteria met')
  await lead.getByTestId('advance').click()

  await expect(watcher.getByTestId('release-status')).toHaveText('ready', { timeout: 1000 })
  const entries = await api<{ kind: string }[]>(request, 'timeline.list', { releaseId, limit: 5000 })
  await expect(watcher.getByTestId('timeline-entry')).toHaveCount(entries.length)
  await expect(watcher.getByTestId('timeline-entry').first()).toHaveAttribute('data-kind', 'release.stage-changed')
  await expect(watcher.getByTestId('timeline-entry').last()).toHaveAttribute('data-kind', 'release.created')
  const kinds = await watcher.getByTestId('timeline-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))
  expect(kinds).toEqual(entries.map((e) => e.kind))

  await watcher.getByTestId('verify-chain').click()
  await expect(watcher.getByTestId('chain-verdict')).toContainText(`Chain intact: ${entries.length} entries`)

  await watcher.screenshot({ path: 'docs/screenshots/war-room.png' })
  await watcher.getByTestId('theme-toggle').click()
  await watcher.screenshot({ path: 'docs/screenshots/war-room-light.png' })

  // Someone edits the record behind the app's back.
  const raw = new Database(join(host.dataDir, 'warroom.sqlite'))
  raw.exec('DROP TRIGGER timeline_append_only_update')
  raw.prepare("UPDATE timeline SET summary = 'Security lead said go' WHERE release_id = ? AND seq = 5").run(releaseId)
  raw.close()
  await watcher.getByTestId('verify-chain').click()
  await expect(watcher.getByTestId('chain-verdict')).toHaveText('Chain broken at entry #5: entry #5 was changed after it was written')
})
