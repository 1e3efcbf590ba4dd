// `npm run serve -- [--port 5217] [--host 127.0.0.1] [--data-dir DIR] [--token T] [--no-demo]`
// The browser host under plain Node: builds if the sources changed, then runs out/main/serve.js in this process group.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { buildIfStale } from './build-if-stale.mjs'

const root = new URL('..', import.meta.url).pathname
buildIfStale()
const child = spawn(process.execPath, [join(root, 'out/main/serve.js'), ...process.argv.slice(2)], { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
