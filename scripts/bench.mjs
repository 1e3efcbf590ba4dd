// `npm run bench [-- --quick]`: builds if needed (some figures drive the built host), runs every bench/*.bench.ts,
// then prints the table of figures against targets. --quick shortens the soak to five minutes and the poller to 30 s.
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { buildIfStale } from './build-if-stale.mjs'

const root = new URL('..', import.meta.url).pathname
const results = join(root, 'bench/results/latest.json')
buildIfStale()
rmSync(results, { force: true })
const quick = process.argv.includes('--quick')
const r = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'vitest.bench.config.ts'], {
  cwd: root,
  stdio: 'inherit',
  // --quick also halves the poller's minute, so the whole run stays under ten minutes with the five-minute soak.
  env: { ...process.env, WARROOM_BENCH_QUICK: quick ? '1' : '', ...(quick && !process.env.WARROOM_BENCH_POLLER_SECONDS ? { WARROOM_BENCH_POLLER_SECONDS: '30' } : {}) }
})
try {
  const { machine, figures } = JSON.parse(readFileSync(results, 'utf8'))
  console.log(`\nRelease War Room benchmarks on ${machine.cpu} (${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node})\n`)
  console.log('| figure | measured | target | |')
  console.log('| --- | --- | --- | --- |')
  for (const f of figures) console.log(`| ${f.name} | ${Number(f.value.toPrecision(3))} ${f.unit} | ${f.target} | ${f.met ? 'met' : 'missed'} |`)
  console.log(`\nWritten to ${results}`)
} catch {
  console.error('No figures were recorded; see the output above.')
}
process.exit(r.status ?? 1)
