/**
 * The browser host's entry: `npm run serve -- [--port] [--host] [--data-dir] [--token] [--no-demo]`.
 * Runs under plain Node; it must never import `electron`.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { APP_VERSION } from './app-version'
import { systemClock } from './clock'
import { DB_FILE } from './data-dir'
import { seedDemoRelease } from './demo/demo-release'
import { startDemoEndpoint } from './demo/demo-endpoint'
import { startRoomServices } from './room-services'
import { startHttpHost } from './host/http-host'
import { parseServeOptions, ServeUsageError } from './host/serve-options'
import { openWarRoom } from './war-room'
import { restoreBackup } from './store/backup'

async function main(): Promise<void> {
  const options = parseServeOptions(process.argv.slice(2))
  mkdirSync(options.dataDir, { recursive: true })
  const dbPath = join(options.dataDir, DB_FILE)
  if (options.restore) {
    const { keptAs } = restoreBackup(dbPath, options.restore, Date.now())
    console.log(`Restored ${options.restore}; the database it replaced is kept as ${keptAs}`)
  }
  const firstRun = !existsSync(dbPath)
  const room = openWarRoom({ dbPath })
  if (firstRun && options.demo) seedDemoRelease(room, systemClock)
  // The demo's metrics endpoint starts (and its signals are re-pointed at it) before the poller reads them.
  const demo = await startDemoEndpoint(room)
  if (demo) room.onClose(() => void demo.close())
  await startRoomServices(room)

  const staticDir = join(dirname(fileURLToPath(import.meta.url)), '../renderer')
  const host = await startHttpHost({
    room,
    version: APP_VERSION,
    host: options.host,
    port: options.port,
    token: options.token,
    staticDir
  })
  const openUrl = options.token ? `${host.url}?token=${encodeURIComponent(options.token)}` : host.url
  console.log(`Release War Room ${APP_VERSION} is serving ${openUrl}`)
  console.log(`  data: ${dbPath}`)
  if (options.tokenGenerated) console.log('  This address is reachable from other machines, so every request needs the token in that URL.')
  // One machine-readable line, so scripts and tests can find the port without parsing prose.
  console.log(JSON.stringify({ event: 'listening', url: host.url, port: host.port, dataDir: options.dataDir }))

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: finishing in-flight requests and closing the database.`)
    await host.close()
    room.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((e) => {
  if (e instanceof ServeUsageError) console.error(e.message)
  else console.error(`Release War Room could not start: ${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
})
