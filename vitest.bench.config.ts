import { defineConfig } from 'vitest/config'

/**
 * `npm run bench`: figures against their targets, printed as a table and written to bench/results/latest.json. They
 * measure; they do not pass or fail the build (timed assertions belong nowhere near unit tests).
 */
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 15 * 60_000,
    hookTimeout: 60_000
  }
})
