// Electronegativity over the Electron source; fails on any high or critical finding and prints the rest.
// Fetched with npx at a pinned version rather than installed: it brings ESLint 7 and TypeScript 4 with it, which
// every `npm ci` would otherwise pay for.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const out = join(mkdtempSync(join(tmpdir(), 'electronegativity-')), 'report.csv')
const r = spawnSync('npx', ['--yes', '@doyensec/electronegativity@1.10.3', '-i', join(root, 'src'), '-r', '-o', out], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, npm_config_update_notifier: 'false' }
})
let csv
try {
  csv = readFileSync(out, 'utf8')
} catch {
  console.error(`Electronegativity did not produce a report.\n${r.stdout}\n${r.stderr}`)
  process.exit(1)
}
const rows = csv
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.match(/^([A-Z_]+),"([A-Z]+)","([A-Z]+)","([^"]*)","([^"]*)"/))
  .filter(Boolean)
  .map(([, check, severity, confidence, file, location]) => ({ check, severity, confidence, file, location }))
const blocking = rows.filter((f) => f.severity === 'HIGH' || f.severity === 'CRITICAL')
for (const f of rows) console.log(`${f.severity.padEnd(8)} ${f.check} ${f.file}:${f.location} (${f.confidence.toLowerCase()})`)
console.log(`security: ${rows.length} findings, ${blocking.length} high or critical`)
process.exit(blocking.length ? 1 : 0)
