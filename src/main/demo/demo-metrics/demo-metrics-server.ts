import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Clock } from '../../clock'
import { checkoutExposition, EXPOSITION_CONTENT_TYPE } from './checkout-exposition'
import { createCheckoutSimulation, type DemoFault } from './checkout-simulation'
import { demoControlSchema } from './demo-control'

/**
 * The demo's monitoring endpoint: a real HTTP server on loopback, read by the real poller exactly as a team's own
 * `/metrics` would be, so the demo exercises the whole path from socket to chart.
 *
 * - `GET /metrics`: Prometheus text for the simulated checkout service (see `checkout-simulation.ts`);
 * - `GET /health`: `{ status, checks: { db: { latencyMs } } }`, for a JSON path signal;
 * - `GET /control`, `POST /control` with `{ trafficPercent?, fault? }`: read or steer the simulation.
 */

export interface DemoMetricsOptions {
  clock: Clock
  /** 0, the default, lets the system pick a free port. */
  port?: number
  seed?: number
  /** The canary's share of traffic at start, percent. 10 by default: the first step of a typical canary rollout. */
  trafficPercent?: number
}

export interface DemoState {
  service: 'checkout'
  trafficPercent: number
  fault: DemoFault
  startedAt: number
}

export interface DemoMetricsServer {
  /** The base URL, such as http://127.0.0.1:38121 (no trailing slash). */
  url: string
  port: number
  setTrafficPercent(percent: number): void
  setFault(fault: DemoFault): void
  state(): DemoState
  close(): Promise<void>
}

/** A control body is a few dozen bytes; anything larger is not meant for us. */
const MAX_CONTROL_BYTES = 16 * 1024

class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {}
  ) {
    super(message)
  }
}

export async function startDemoMetricsServer(options: DemoMetricsOptions): Promise<DemoMetricsServer> {
  const { clock } = options
  const simulation = createCheckoutSimulation({ start: clock.now(), seed: options.seed ?? 1, trafficPercent: options.trafficPercent })

  const state = (): DemoState => {
    const s = simulation.snapshot(clock.now())
    return { service: 'checkout', trafficPercent: s.trafficPercent, fault: s.fault, startedAt: simulation.startedAt }
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    const method = req.method ?? 'GET'
    if (path === '/metrics') {
      allow(method, ['GET', 'HEAD'])
      const body = checkoutExposition(simulation.snapshot(clock.now()))
      send(res, 200, EXPOSITION_CONTENT_TYPE, body, method === 'HEAD')
      return
    }
    if (path === '/health') {
      allow(method, ['GET'])
      const s = simulation.snapshot(clock.now())
      sendJson(res, 200, { status: 'ok', checks: { db: { latencyMs: s.dbLatencyMs } } })
      return
    }
    if (path === '/control') {
      allow(method, ['GET', 'POST'])
      if (method === 'POST') {
        const parsed = demoControlSchema.safeParse(await readJson(req))
        if (!parsed.success) {
          throw new RequestError(400, 'invalid_input', parsed.error.issues.map((i) => i.message).join('; '))
        }
        const now = clock.now()
        if (parsed.data.trafficPercent !== undefined) simulation.setTrafficPercent(parsed.data.trafficPercent, now)
        if (parsed.data.fault !== undefined) simulation.setFault(parsed.data.fault, now)
      }
      sendJson(res, 200, state())
      return
    }
    throw new RequestError(404, 'not_found', `Nothing at ${path}; try /metrics, /health or /control.`)
  }

  const server = createServer((req, res) => {
    // Nothing may escape into the event loop: this server runs inside the app's main process.
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof RequestError ? error.status : 500
      const code = error instanceof RequestError ? error.code : 'internal'
      const message = error instanceof Error ? error.message : String(error)
      if (error instanceof RequestError) for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value)
      if (!res.headersSent) sendJson(res, status, { error: { code, message } })
      else res.destroy()
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setTrafficPercent: (percent) => simulation.setTrafficPercent(percent, clock.now()),
    setFault: (fault) => simulation.setFault(fault, clock.now()),
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        // Keep-alive sockets from a poller would otherwise hold close() open until they time out.
        server.closeAllConnections()
      })
  }
}

function allow(method: string, allowed: readonly string[]): void {
  if (!allowed.includes(method)) {
    throw new RequestError(405, 'method_not_allowed', `Use ${allowed.join(' or ')} here.`, { allow: allowed.join(', ') })
  }
}

function send(res: ServerResponse, status: number, contentType: string, body: string, headOnly = false): void {
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store'
  })
  res.end(headOnly ? undefined : body)
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value))
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    throw new RequestError(415, 'unsupported_media_type', 'Send the control as JSON with content-type: application/json.')
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > MAX_CONTROL_BYTES) throw new RequestError(413, 'payload_too_large', `Control bodies are limited to ${MAX_CONTROL_BYTES} bytes.`)
    chunks.push(buffer)
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown
  } catch {
    throw new RequestError(400, 'invalid_json', 'The control body is not valid JSON.')
  }
}
