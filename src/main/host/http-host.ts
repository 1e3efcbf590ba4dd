import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { STATUS_OF, type ApiErrorBody } from '../../shared/errors'
import type { WarRoom } from '../war-room'
import { EventStream } from './event-stream'
import { serveStatic } from './static-files'
import { crossOriginReason, presentedToken, TOKEN_COOKIE, tokenMatches } from './request-guard'

/** Larger bodies are refused from the Content-Length header, before a byte is parsed. */
export const MAX_BODY_BYTES = 1024 * 1024

export interface HttpHostOptions {
  room: WarRoom
  version: string
  host: string
  port: number
  /** When set, every request must carry it. Required off loopback; the caller decides. */
  token?: string
  /** The built renderer; omitted in API-only tests. */
  staticDir?: string
}

export interface HttpHost {
  server: Server
  url: string
  port: number
  events: EventStream
  close(): Promise<void>
}

class BodyError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message)
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff'
  })
  res.end(body)
}

function sendError(res: ServerResponse, error: ApiErrorBody): void {
  sendJson(res, STATUS_OF[error.code], { error })
}

function readJson(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > MAX_BODY_BYTES) {
    return Promise.reject(
      new BodyError({ code: 'payload_too_large', message: `Request bodies are limited to ${MAX_BODY_BYTES} bytes.` })
    )
  }
  const type = req.headers['content-type'] ?? ''
  // Requiring JSON also means a cross-site form cannot post here without a CORS preflight we never grant.
  if (!type.toLowerCase().startsWith('application/json')) {
    return Promise.reject(
      new BodyError({ code: 'unsupported_media_type', message: 'Send the input as JSON with Content-Type: application/json.' })
    )
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY_BYTES) {
        reject(new BodyError({ code: 'payload_too_large', message: `Request bodies are limited to ${MAX_BODY_BYTES} bytes.` }))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      if (text.trim() === '') return resolve({})
      try {
        resolve(JSON.parse(text))
      } catch {
        reject(new BodyError({ code: 'invalid_input', message: 'The request body is not valid JSON.' }))
      }
    })
    req.on('error', reject)
  })
}

/**
 * The browser host: `POST /api/<method>` over the same dispatch the Electron host uses, `GET /api/events` as
 * Server-Sent Events, `GET /api/health`, and the built renderer at `/`.
 */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const { room, token } = options
  const events = new EventStream(room.bus)
  let inFlight = 0
  let closing = false
  let boundPort = options.port

  const server = createServer((req, res) => {
    inFlight++
    res.on('close', () => inFlight--)
    handle(req, res).catch((e) => {
      console.error('request failed', e)
      if (!res.headersSent) sendError(res, { code: 'internal', message: 'The host failed to answer; nothing was saved.' })
      else res.destroy()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://host.invalid')
    const crossOrigin = crossOriginReason(req, options.host, boundPort)
    if (crossOrigin) return sendError(res, { code: 'forbidden', message: crossOrigin })

    const presented = presentedToken(req, url)
    if (!tokenMatches(token, presented)) {
      return sendError(res, {
        code: 'unauthorized',
        message: 'This war room needs its access token: open the URL the host printed, or send Authorization: Bearer <token>.'
      })
    }
    if (closing) return sendError(res, { code: 'internal', message: 'The war room is shutting down; try again in a moment.' })

    const path = url.pathname
    if (path === '/api/health' && req.method === 'GET') {
      return sendJson(res, 200, { ok: true, version: options.version, schemaVersion: room.schemaVersion })
    }
    if (path === '/api/events' && req.method === 'GET') return events.attach(res)
    if (path.startsWith('/api/')) {
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST')
        return sendJson(res, 405, { error: { code: 'invalid_input', message: `Call API methods with POST, not ${req.method}.` } })
      }
      let input: unknown
      try {
        input = await readJson(req)
      } catch (e) {
        if (e instanceof BodyError) return sendError(res, e.body)
        throw e
      }
      const outcome = room.dispatch(decodeURIComponent(path.slice('/api/'.length)), input)
      return outcome.ok ? sendJson(res, 200, outcome.value) : sendError(res, outcome.error)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: { code: 'invalid_input', message: 'Not allowed' } })
    if (!options.staticDir) return sendJson(res, 404, { error: { code: 'not_found', message: 'No renderer is served here.' } })
    // A first visit with ?token= trades it for a same-site cookie and drops it from the address bar.
    if (token && url.searchParams.has('token')) {
      res.writeHead(303, {
        location: path,
        'set-cookie': `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`
      })
      return void res.end()
    }
    serveStatic(options.staticDir, path, res)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  boundPort = (server.address() as AddressInfo).port
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host

  return {
    server,
    port: boundPort,
    url: `http://${shownHost}:${boundPort}/`,
    events,
    async close() {
      if (closing) return
      closing = true
      events.close()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      // Let requests already being answered finish their write before the database closes under them.
      const deadline = Date.now() + 5000
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
      server.closeAllConnections()
      await closed
    }
  }
}
