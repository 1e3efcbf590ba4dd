// Builds better-sqlite3 for Electron's ABI into .electron-native/<electron version>/, leaving node_modules' copy
// (built for Node, which vitest and the browser host load) untouched. Main loads the Electron copy through
// better-sqlite3's `nativeBinding` option, passed in WARROOM_SQLITE_BINDING.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, rmSync, copyFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const root = new URL('..', import.meta.url).pathname

function nodeGyp() {
  const candidates = [
    process.env.npm_execpath && join(dirname(process.env.npm_execpath), '../node_modules/node-gyp/bin/node-gyp.js'),
    join(dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js')
  ].filter(Boolean)
  return candidates.find((c) => existsSync(c))
}

/** @returns {string} the path of the addon built for this Electron */
export function ensureElectronNative(electronVersion) {
  const target = join(root, '.electron-native', electronVersion, 'better_sqlite3.node')
  if (existsSync(target)) return target
  const gyp = nodeGyp()
  if (!gyp) throw new Error('node-gyp was not found (it ships with npm); cannot build better-sqlite3 for Electron.')
  const src = dirname(require.resolve('better-sqlite3/package.json'))
  const work = join(root, '.electron-native', 'build-src')
  rmSync(work, { recursive: true, force: true })
  cpSync(src, work, { recursive: true, filter: (p) => !p.includes(`${src}/build`) })
  console.log(`Building better-sqlite3 for Electron ${electronVersion} (about a minute, once)…`)
  const env = { ...process.env }
  // A machine-wide nodedir points node-gyp at Node's headers; Electron needs its own.
  delete env.npm_config_nodedir
  const r = spawnSync(
    process.execPath,
    [gyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
    { cwd: work, stdio: 'inherit', env }
  )
  if (r.status !== 0) throw new Error('Building better-sqlite3 for Electron failed; see the output above.')
  mkdirSync(dirname(target), { recursive: true })
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target)
  rmSync(work, { recursive: true, force: true })
  return target
}
