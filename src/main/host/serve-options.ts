import { parseArgs } from 'node:util'
import { randomBytes } from 'node:crypto'
import { resolveDataDir } from '../data-dir'
import { isLoopback } from './request-guard'

export const DEFAULT_PORT = 5217

export interface ServeOptions {
  port: number
  host: string
  dataDir: string
  token?: string
  /** True when the token was made up here and must be shown to the person starting the host. */
  tokenGenerated: boolean
  demo: boolean
  /** A backup to restore over the database before the room opens. */
  restore?: string
}

export class ServeUsageError extends Error {}

export const SERVE_USAGE =
  'Usage: npm run serve -- [--port 5217] [--host 127.0.0.1] [--data-dir DIR] [--token TOKEN] [--no-demo] [--restore BACKUP]'

/** Reads the browser host's flags. Off loopback a token is mandatory, so one is generated when none is given. */
export function parseServeOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeOptions {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        token: { type: 'string' },
        'no-demo': { type: 'boolean' },
        restore: { type: 'string' }
      },
      strict: true
    }))
  } catch (e) {
    throw new ServeUsageError(`${(e as Error).message}\n${SERVE_USAGE}`)
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ServeUsageError(`--port must be a whole number from 0 to 65535, not "${values.port}".\n${SERVE_USAGE}`)
  }
  const host = values.host ?? '127.0.0.1'
  let token = values.token ?? env.WARROOM_TOKEN
  let tokenGenerated = false
  if (!token && !isLoopback(host)) {
    token = randomBytes(18).toString('base64url')
    tokenGenerated = true
  }
  return {
    port,
    host,
    dataDir: resolveDataDir(values['data-dir'], env),
    token,
    tokenGenerated,
    demo: !values['no-demo'] && env.WARROOM_DEMO !== '0',
    ...(values.restore ? { restore: values.restore } : {})
  }
}
