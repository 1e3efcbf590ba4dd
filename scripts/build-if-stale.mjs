// Builds the three targets when the sources are newer than the last build, so `npm start` and `npm run serve`
// always run what is in src/ without paying for a rebuild on every launch.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const outputs = ['out/main/index.js', 'out/main/serve.js', 'out/preload/index.cjs', 'out/renderer/index.html']

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

function oldestOutput() {
  try {
    return Math.min(...outputs.map((o) => statSync(join(root, o)).mtimeMs))
  } catch {
    return 0
  }
}

export function buildIfStale({ quiet = false } = {}) {
  const sources = Math.max(
    newestMtime(join(root, 'src')),
    newestMtime(join(root, 'resources')),
    statSync(join(root, 'electron.vite.config.ts')).mtimeMs,
    statSync(join(root, 'package.json')).mtimeMs
  )
  if (oldestOutput() > sources) return
  if (!quiet) console.log('Building the app (electron-vite build)…')
  const r = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: quiet ? 'pipe' : ['ignore', 'ignore', 'inherit']
  })
  if (r.status !== 0) {
    if (quiet) process.stderr.write(r.stderr ?? '')
    console.error('The build failed; fix the errors above and try again.')
    process.exit(r.status ?? 1)
  }
}
