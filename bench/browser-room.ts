import { createServer, type Server } from 'node:http'
import { type AddressInfo } from 'node:net'
import { chromium, type Browser, type Page } from '@playwright/test'
import { startHost, type RunningHost } from '../test/e2e/host'

/**
 * What the browser benchmarks share: a JSON metrics endpoint on 127.0.0.1 whose answers the bench chooses, the built
 * browser host started on a data folder the bench seeded, and Chromium opened on a release's war room.
 */

// As in cold-start.bench.ts (not imported from it: importing a bench file would run its benchmarks here too).
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']

export interface Endpoint {
  url: (path: string) => string
  close(): Promise<void>
}

/**
 * Serves `{ "value": answer(path) }` for every GET; `answer` runs as the response is written, so a bench can note the
 * time each value left for the host.
 */
export async function startEndpoint(answer: (path: string) => number): Promise<Endpoint> {
  const server: Server = createServer((req, res) => {
    const body = JSON.stringify({ value: answer(req.url ?? '/') })
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
    res.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())))
  }
}

export interface OpenRoom {
  host: RunningHost
  browser: Browser
  /** A new page on the release's war room, once its event stream is live; 1600 × 1000 unless told. */
  open(releaseId: string, viewport?: { width: number; height: number }): Promise<Page>
  close(): Promise<void>
}

/** Starts the built host on `dataDir` (no demo release) and Chromium beside it, signed in as an SRE. */
export async function openRoom(dataDir: string, env: Record<string, string> = {}): Promise<OpenRoom> {
  // startHost passes this process's environment to the host when it spawns it, synchronously: set, spawn, restore.
  const saved = { ...process.env }
  Object.assign(process.env, env)
  const starting = startHost({ dataDir, args: ['--no-demo'] })
  for (const key of Object.keys(env)) {
    if (saved[key] === undefined) delete process.env[key]
    else process.env[key] = saved[key]
  }
  const host = await starting
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  return {
    host,
    browser,
    async open(releaseId, viewport = { width: 1600, height: 1000 }) {
      // A war-room screen, so the panels lay out as they would on the wall.
      const context = await browser.newContext({ viewport })
      const identity = JSON.stringify({ state: { actor: { name: 'Bench', role: 'sre' } }, version: 0 })
      await context.addInitScript({ content: `localStorage.setItem('warroom.identity', ${JSON.stringify(identity)})` })
      const page = await context.newPage()
      await page.goto(`${host.url}#/releases/${releaseId}`)
      await page.locator('[data-testid=connection][data-state=live]').waitFor()
      return page
    },
    async close() {
      await browser.close()
      await host.stop()
    }
  }
}

/**
 * The few page globals the benchmarks' `page.evaluate` callbacks use, typed here because the bench files compile
 * without the DOM library (adding it would let DOM names slip into main-process code unnoticed). Inside a callback:
 * `const { document, MutationObserver } = globalThis as unknown as PageScope`.
 */
export interface PageScope {
  document: {
    body: object
    querySelector(selector: string): { click(): void } | null
    querySelectorAll(selector: string): Iterable<{ textContent: string | null }>
  }
  MutationObserver: new (callback: (records: unknown[]) => void) => {
    observe(target: object, options: { subtree?: boolean; childList?: boolean; characterData?: boolean }): void
  }
  requestAnimationFrame(callback: () => void): number
  [key: `__${string}`]: unknown
}
