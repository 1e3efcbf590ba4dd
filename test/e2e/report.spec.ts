import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type APIRequestContext } from '@playwright/test'
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { removeDir, startHost, type RunningHost } from './host'
import { apiOf, enterAs, people } from './api'
import { REPORT_SECTIONS } from '../../src/shared/report'

let host: RunningHost
test.beforeEach(async () => {
  // The demo endpoint stays on: the recorded release watches its simulated service, so the charts hold real readings.
  host = await startHost()
})
test.afterEach(async () => {
  await host.stop()
  removeDir(host.dataDir)
})

type Room = { release: { id: string }; demo: unknown; checklist: { id: string; title: string }[]; signals: { definition: { name: string; unit: string } }[] }

/** A release driven through the API from planning to validating: evidence, votes, a rollout step, an incident walked, notes. */
async function recordRelease(request: APIRequestContext): Promise<{ releaseId: string; signalNames: string[]; chartTitles: string[] }> {
  const api = apiOf(request, host.url)
  const releases = await api.call<{ id: string }[]>('releases.list', {})
  const rooms = await Promise.all(releases.map((r) => api.call<Room>('releases.get', { releaseId: r.id })))
  const demo = rooms.find((r) => r.demo)!
  const releaseId = await api.createRelease({
    title: 'Checkout 2.6: saved carts',
    windowStart: new Date(Date.now() - 5 * 60_000).toISOString(),
    windowEnd: new Date(Date.now() + 55 * 60_000).toISOString()
  })
  const watched = demo.signals
  for (const s of watched) await api.call('signals.add', { releaseId, signal: s.definition, actor: people.sre })
  await api.call('rollout.plan.set', {
    releaseId,
    plan: { strategy: 'canary', steps: [{ id: 'all', label: 'All traffic', trafficPercent: 100, soakSeconds: null, gate: 'manual' }] },
    actor: people['devops-lead']
  })
  const room = await api.call<Room>('releases.get', { releaseId })
  const backups = room.checklist.find((i) => i.title.startsWith('Backups verified'))!
  await api.call('checklist.set', { releaseId, itemId: backups.id, status: 'done', evidence: 'https://backups.example.com/restore-test/4411', actor: people.sre })
  await api.advanceTo(releaseId, 'production')
  await api.call('rollout.start', { releaseId, actor: people['devops-lead'] })
  const incident = await api.call<{ id: string }>('incidents.open', { releaseId, severity: 'medium', summary: 'Coupon totals off by a cent', actor: people.sre })
  await api.call('incidents.answer', { releaseId, incidentId: incident.id, nodeId: 'is-critical', answer: 'no', rationale: 'Rounding only', actor: people['devops-lead'] })
  await api.call('incidents.answer', { releaseId, incidentId: incident.id, nodeId: 'fix-quickly', answer: 'yes', rationale: 'One-line fix', actor: people['devops-lead'] })
  await api.call('incidents.resolve', { releaseId, incidentId: incident.id, resolution: 'Coupon service 1.4.2 deployed', actor: people['devops-lead'] })
  await api.call('releases.notes.set', {
    releaseId,
    notes: { whatsNew: '- Saved carts survive a logout', fixes: '- Coupon rounding', knownIssues: 'None known.', upgrade: 'No action required.' },
    actor: people['product-owner']
  })
  // Let the poller gather a few readings of every signal before the window closes.
  await expect
    .poll(async () => Math.min(...(await api.call<{ report: { health: { count: number }[] } }>('reports.get', { releaseId })).report.health.map((h) => h.count)), {
      timeout: 20_000
    })
    .toBeGreaterThanOrEqual(5)
  await api.call('rollout.gate', { releaseId, stepId: 'all', result: 'pass', rationale: 'All signals green', actor: people.sre })
  await api.call('rollout.advance', { releaseId, actor: people['devops-lead'] })
  await api.advanceTo(releaseId, 'validating')
  return {
    releaseId,
    signalNames: watched.map((s) => s.definition.name),
    // The chart's own title, drawn inside the SVG: the table beside it names the signal without the unit.
    chartTitles: watched.map((s) => `${s.definition.name} (${s.definition.unit})`)
  }
}

/** Operand counts of pdf.js's path operators (moveTo, lineTo, curveTo, quadraticCurveTo, closePath). */
const PATH_ARGS: Record<number, number> = { 0: 2, 1: 2, 2: 6, 3: 4, 4: 0 }

/** The text of every page, the images drawn, and the paths long enough to be a plotted series (tables draw 3 to 8 segments). */
async function readPdf(pdf: Buffer): Promise<{ text: string; images: number; longPaths: number }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: true }).promise
  let text = ''
  let images = 0
  let longPaths = 0
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p)
    const content = await page.getTextContent()
    text += content.items.map((i) => ('str' in i ? i.str : '')).join(' ') + '\n'
    const ops = await page.getOperatorList()
    ops.fnArray.forEach((fn, i) => {
      if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject) images++
      if (fn !== OPS.constructPath) return
      const data = Object.values((ops.argsArray[i] as [number, (ArrayLike<number> | null)[]])[1][0] ?? []) as number[]
      let segments = 0
      for (let k = 0; k < data.length; k += 1 + (PATH_ARGS[data[k]] ?? 0)) if (data[k] === 1) segments++
      if (segments >= 20) longPaths++
    })
  }
  return { text: text.replace(/\s+/g, ' '), images, longPaths }
}

test('the report of a recorded release shows every section, prints to a PDF with its charts, and reads in both themes', async ({ page, request }, info) => {
  test.setTimeout(90_000)
  const { releaseId, signalNames, chartTitles } = await recordRelease(request)

  await enterAs(page, host.url, 'devops-lead', `#/releases/${releaseId}`)
  await page.getByTestId('report-link').click()
  await expect(page.getByTestId('report-view')).toBeVisible()
  for (const title of REPORT_SECTIONS) await expect(page.getByRole('heading', { name: title, exact: true })).toBeVisible()
  await expect(page.getByTestId('report-chart')).toHaveCount(signalNames.length)
  await expect(page.locator('[data-metric="critical-incidents"]')).toHaveAttribute('data-status', 'met')
  await expect(page.getByTestId('report-incidents')).toContainText('Can we fix it quickly?')
  await page.screenshot({ path: info.outputPath('report-top.png') })
  await page.emulateMedia({ media: 'print' })
  // On paper the report is ink on white, whichever theme the screen was in.
  await expect(page.getByTestId('report-summary')).toHaveCSS('background-color', 'rgb(255, 255, 255)')
  await expect(page.getByTestId('report-summary')).toHaveCSS('color', 'rgb(17, 20, 24)')
  // Looked at by a person reviewing the print layout, at about the width of A4.
  await page.setViewportSize({ width: 800, height: 1130 })
  await page.screenshot({ path: info.outputPath('report-print-top.png') })
  await page.getByTestId('report-health').scrollIntoViewIfNeeded()
  await page.screenshot({ path: info.outputPath('report-print-health.png') })
  await page.emulateMedia({ media: null })
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.getByTestId('report-health').scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'docs/screenshots/report.png' })
  await page.getByTestId('report').screenshot({ path: info.outputPath('report-dark-full.png') })
  await page.getByTestId('theme-toggle').click()
  await page.getByTestId('report-metrics').scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'docs/screenshots/report-light.png' })

  // Editing a target re-draws the table and is on the record.
  await page.getByTestId('targets-edit').click()
  await page.getByTestId('target-critical-incidents').fill('2')
  await page.getByTestId('targets-save').click()
  await expect(page.locator('[data-metric="critical-incidents"] td').nth(2)).toHaveText('≤ 2')

  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })
  writeFileSync(info.outputPath('report.pdf'), pdf)
  const { text, images, longPaths } = await readPdf(pdf)
  for (const title of REPORT_SECTIONS) expect(text).toContain(title)
  for (const title of chartTitles) expect(text).toContain(title)
  expect(text).toContain('Release report: Checkout 2.6: saved carts')
  expect(text).not.toContain('Download Markdown')
  // Each chart reaches the paper as an image or as vector paths (Chromium keeps SVG as vectors).
  expect(images + longPaths).toBeGreaterThanOrEqual(signalNames.length)
})

test('a JSON bundle imported into another war room opens read-only under a banner', async ({ page, request }, info) => {
  test.setTimeout(90_000)
  const { releaseId } = await recordRelease(request)
  const bundle = await apiOf(request, host.url).call<{ filename: string; content: string }>('reports.export', { releaseId, format: 'json' })
  const file = join(info.outputPath(), bundle.filename)
  writeFileSync(file, bundle.content)

  const other = await startHost({ args: ['--no-demo'] })
  try {
    await enterAs(page, other.url, 'sre')
    await page.getByTestId('import-bundle').setInputFiles(file)
    await expect(page.getByTestId('imported-report-view')).toBeVisible()
    await expect(page.getByTestId('imported-banner')).toContainText('Imported, read-only.')
    await expect(page.getByTestId('report-chart').first()).toBeVisible()
    await expect(page.getByTestId('targets-edit')).toHaveCount(0)
    await expect(page.getByTestId('report-head-hash')).toHaveText(JSON.parse(readFileSync(file, 'utf8')).report.audit.headHash)
    await page.goto(`${other.url}#/`)
    await expect(page.getByTestId('imported-reports')).toContainText('Checkout 2.6: saved carts')
    // Kept apart: the other room still has no releases of its own.
    expect(await apiOf(request, other.url).call<unknown[]>('releases.list', {})).toEqual([])
  } finally {
    await other.stop()
    removeDir(other.dataDir)
  }
})
