import { defineConfig } from '@playwright/test'

/**
 * End-to-end tests drive the browser host in Debian's Chromium (or CHROMIUM_PATH). Playwright never downloads a
 * browser here. Each test starts its own host on a free port with a fresh data folder (see test/e2e/host.ts).
 */
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
    },
    trace: 'off',
    screenshot: 'only-on-failure'
  }
})
