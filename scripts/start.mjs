// `npm start`: the desktop app, or, where Electron's runtime cannot be obtained, the browser host in its place.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { buildIfStale } from './build-if-stale.mjs'
import { findElectronRuntime } from './electron-runtime.mjs'
import { ensureElectronNative } from './electron-native.mjs'

const root = new URL('..', import.meta.url).pathname
const args = process.argv.slice(2)
buildIfStale()

const runtime = findElectronRuntime()
if (runtime.ok) {
  const binding = ensureElectronNative(runtime.version)
  const child = spawn(runtime.binary, [root, ...args], {
    stdio: 'inherit',
    env: { ...process.env, WARROOM_SQLITE_BINDING: binding }
  })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  console.log(`Electron is not available (${runtime.reason}), so the war room opens in your browser instead.`)
  const child = spawn(process.execPath, [join(root, 'out/main/serve.js'), ...args], { stdio: ['inherit', 'pipe', 'inherit'] })
  let buffer = ''
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk)
    buffer += chunk
    const line = buffer.split('\n').find((l) => l.startsWith('{"event":"listening"'))
    if (line) {
      buffer = ''
      openBrowser(JSON.parse(line).url)
    }
  })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

function openBrowser(url) {
  if (process.env.CI || process.env.WARROOM_NO_OPEN) return
  const opener =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]]
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return
  const p = spawn(opener[0], opener[1], { stdio: 'ignore', detached: true })
  p.on('error', () => undefined)
  p.unref()
}
