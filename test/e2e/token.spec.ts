import { expect, test } from '@playwright/test'
import { removeDir, startHost } from './host'

test('off loopback, the room needs its token; the printed URL lets a browser in', async ({ page, request }) => {
  // Bound to every interface, so the host demands a token; the test still only talks to 127.0.0.1.
  const host = await startHost({ args: ['--host', '0.0.0.0', '--token', 'e2e-token-123', '--no-demo'] })
  const local = `http://127.0.0.1:${host.port}/`
  expect((await request.post(`${local}api/releases.list`, { data: {} })).status()).toBe(401)
  expect((await request.get(`${local}api/events`)).status()).toBe(401)
  expect((await request.get(local)).status()).toBe(401)

  await page.goto(`${local}?token=e2e-token-123`)
  expect(new URL(page.url()).search).toBe('')
  await page.getByTestId('identity-name').fill('Sam Lee')
  await page.getByTestId('identity-submit').click()
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live')
  await expect(page.getByTestId('release-count')).toHaveText('0 of 0')
  await host.stop()
  removeDir(host.dataDir)
})
