import { expect, test } from '@playwright/test'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { removeDir, startHost, type RunningHost } from './host'
import { apiOf, enterAs, people } from './api'

/** A JSON health endpoint and a Slack-style webhook receiver, both on 127.0.0.1, both owned by the test. */
let host: RunningHost
let servers: Server[] = []
let received: { path: string; body: { text: string } }[] = []

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

test.beforeEach(async () => {
  host = await startHost({ args: ['--no-demo'] })
  received = []
})
test.afterEach(async () => {
  await host.stop()
  removeDir(host.dataDir)
  for (const s of servers) {
    s.closeAllConnections()
    s.close()
  }
  servers = []
})

test('the room previews the update from live state, copies it, and sends it to the release’s webhook', async ({ page, request, context }) => {
  const health = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: { rate: 0.4 } })))
  const hook = await serve((req, res) => {
    let raw = ''
    req.on('data', (c: Buffer) => (raw += c.toString()))
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(raw) as { text: string } })
      res.writeHead(200).end('ok')
    })
  })

  const api = apiOf(request, host.url)
  const start = new Date(Date.now() - 10 * 60_000)
  const releaseId = await api.createRelease({
    title: 'Checkout 2.6: saved carts',
    windowStart: start.toISOString(),
    windowEnd: new Date(start.getTime() + 2 * 3600_000).toISOString()
  })
  await api.call('rollout.plan.set', {
    releaseId,
    plan: {
      strategy: 'canary',
      steps: [
        { id: 'canary-5', label: '5% of traffic', trafficPercent: 5, soakSeconds: 600, gate: 'health' },
        { id: 'canary-25', label: '25% of traffic', trafficPercent: 25, soakSeconds: 1800, gate: 'health' },
        { id: 'canary-100', label: '100% of traffic', trafficPercent: 100, soakSeconds: 600, gate: 'health' }
      ]
    },
    actor: people['devops-lead']
  })
  await api.call('signals.add', {
    releaseId,
    signal: {
      name: 'error rate',
      source: { kind: 'json', url: `${health}/health`, path: 'errors.rate' },
      unit: '%',
      intervalMs: 1000,
      thresholds: { direction: 'above', warn: 0.3, critical: 1 },
      breach: { kind: 'consecutive', count: 1000 },
      severity: 'high'
    },
    actor: people['devops-lead']
  })
  await api.advanceTo(releaseId, 'production')
  await api.call('rollout.start', { releaseId, actor: people['devops-lead'] })
  await api.call('rollout.advance', { releaseId, override: { rationale: 'Canary dashboards flat at 5%' }, actor: people['devops-lead'] })

  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await enterAs(page, host.url, 'product-owner', `#/releases/${releaseId}`)
  const panel = page.getByTestId('updates-panel')
  await panel.scrollIntoViewIfNeeded()

  // The rollout is running, so "Production started" is preselected, filled from the rollout and the live signal.
  await expect(page.getByTestId('updates-stage')).toHaveValue('production-started')
  await expect(page.getByTestId('updates-suggestion')).toContainText('Suggested: the rollout is running.')
  const preview = page.getByTestId('updates-preview')
  await expect(preview).toContainText('checkout 2.6.0 is rolling out to production (canary): canary at 25%, soak 0 of 30 min.')
  await expect(preview).toContainText('Health: error rate warn (0.4 %); no open incidents.')

  // Copy: the clipboard holds exactly the preview, and the copy is on the timeline.
  await page.getByTestId('updates-copy').click()
  await expect(page.getByTestId('updates-copied')).toContainText('Copied')
  const shown = await preview.innerText()
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(shown)
  await expect(page.getByTestId('timeline-entry').filter({ hasText: 'Copied the “Production started” update to send by hand' })).toHaveCount(1)

  // The webhook: typed masked, shown back as its host only.
  await expect(page.getByTestId('updates-send')).toBeDisabled()
  await page.getByTestId('updates-webhook-edit').click()
  await page.getByTestId('updates-webhook-url').fill(`${hook}/services/T0/B0/secret-part`)
  await page.getByTestId('updates-webhook-save').click()
  const hookHost = new URL(hook).host
  await expect(page.getByTestId('updates-webhook-host')).toContainText(`Webhook: ${hookHost}`)
  await expect(page.getByTestId('updates-panel')).not.toContainText('secret-part')

  // Send: the receiver gets the message as {"text": …}; the row turns delivered; the next send waits out the limit.
  await page.getByTestId('updates-send').click()
  const delivered = page.getByTestId('updates-send-row').filter({ hasText: `Production started → ${hookHost}` })
  await expect(delivered).toHaveAttribute('data-status', 'delivered')
  await expect(delivered).toContainText('HTTP 200')
  expect(received).toHaveLength(1)
  expect(received[0].path).toBe('/services/T0/B0/secret-part')
  expect(received[0].body.text).toMatch(/^checkout 2\.6\.0 is rolling out to production \(canary\): canary at 25%, soak \d+ of 30 min\. Health: error rate warn \(0\.4 %\); no open incidents\./)
  await expect(page.getByTestId('updates-send')).toBeDisabled()
  await expect(page.getByTestId('updates-send-why')).toContainText(/Next send possible in \d+ s/)
  await expect(page.getByTestId('timeline-entry').filter({ hasText: `update reached ${hookHost}` })).toHaveCount(1)

  await panel.screenshot({ path: 'docs/screenshots/updates.png' })
})

test('a template with an unknown field shows the problem in the preview and is refused on save', async ({ page, request }) => {
  const api = apiOf(request, host.url)
  const releaseId = await api.createRelease({ title: 'Search 9', service: 'search', version: '9.0.0', strategy: 'rolling' })
  await enterAs(page, host.url, 'product-owner', `#/releases/${releaseId}`)
  await expect(page.getByTestId('updates-stage')).toHaveValue('scheduled')
  await page.getByTestId('updates-edit').click()
  await page.getByTestId('updates-template').fill('{service} {verson} ships soon')
  await expect(page.getByTestId('updates-preview-problems')).toContainText('Unknown field {verson} at character 11. Did you mean {version}?')
  await page.getByTestId('updates-template-save').click()
  await expect(page.getByTestId('updates-template-error')).toContainText('Unknown field {verson}')

  await page.getByTestId('updates-template').fill('Heads up: {service} {version} ships {startsIn}.')
  await expect(page.getByTestId('updates-preview')).toHaveText('Heads up: search 9.0.0 ships at a time not set yet.')
  await page.getByTestId('updates-template-save').click()
  await expect(page.getByTestId('updates-editor')).toHaveCount(0)
  await expect(page.getByTestId('updates-panel')).toContainText('Template: edited by Priya Raman')
})
