import { test } from 'vitest'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { chromium } from '@playwright/test'
import { percentile, report } from './figures'

const SERVE = join(process.cwd(), 'out/main/serve.js')
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']

/** Starts the built host and resolves with its URL once /api/health answers ok, timing the wait. */
async function coldStart(dataDir: string) {
  const started = performance.now()
  const child = spawn(process.execPath, [SERVE, '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (c: Buffer) => {
      out += c
      const line = out.split('\n').find((l) => l.startsWith('{"event":"listening"'))
      if (line) resolve(JSON.parse(line).url)
    })
    child.on('exit', (code) => reject(new Error(`host exited ${code}`)))
  })
  for (;;) {
    const ok = await fetch(`${url}api/health`).then((r) => r.ok, () => false)
    if (ok) break
    await new Promise((r) => setTimeout(r, 2))
  }
  return { ms: performance.now() - started, url, stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))) }
}

test('browser host: process start to /api/health ok', async () => {
  const times: number[] = []
  for (let i = 0; i < 7; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-bench-'))
    const host = await coldStart(dir)
    times.push(host.ms)
    await host.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  const median = percentile(times, 50)
  report({ name: 'Cold start: process start to /api/health ok (median of 7, first run with demo)', value: median, unit: 'ms', target: '< 500 ms', met: median < 500 })
})

test('page load to war room interactive', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-bench-'))
  const host = await coldStart(dir)
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  const times: number[] = []
  try {
    const list = (await (await fetch(`${host.url}api/releases.list`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { id: string }[]
    const releaseId = list[0].id
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext()
      const identity = JSON.stringify({ state: { actor: { name: 'Bench', role: 'sre' } }, version: 0 })
      await context.addInitScript({ content: `localStorage.setItem('warroom.identity', ${JSON.stringify(identity)})` })
      const page = await context.newPage()
      const s = performance.now()
      await page.goto(`${host.url}#/releases/${releaseId}`)
      await page.locator('[data-testid=item-row]').first().waitFor()
      await page.locator('[data-testid=connection][data-state=live]').waitFor()
      times.push(performance.now() - s)
      await context.close()
    }
  } finally {
    await browser.close()
    await host.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  const median = percentile(times, 50)
  report({ name: 'Page load to war room interactive (demo release, median of 5)', value: median, unit: 'ms', target: '< 1000 ms', met: median < 1000 })
})
