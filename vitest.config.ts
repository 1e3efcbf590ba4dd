import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/renderer/**/*.test.ts'],
    environment: 'node',
    // Tests share nothing on disk: each makes its own temporary folder.
    pool: 'forks',
    testTimeout: 15_000
  }
})
