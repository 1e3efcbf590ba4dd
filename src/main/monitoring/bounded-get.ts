import http, { type IncomingHttpHeaders } from 'node:http'
import https from 'node:https'
import type { PollFailureReason } from '../../shared/signal'
import { realTimers, type TimerHandle, type Timers } from './timers'

export interface BoundedGetOptions {
  /** The whole exchange (connect, headers, body) must finish within this. */
  timeoutMs: number
  /** Reading stops, and the connection is dropped, as soon as the body grows past this. */
  maxBytes: number
  headers?: Readonly<Record<string, string>>
  /** Cancels the request; the result is a `timeout` failure carrying the abort reason's message. */
  signal?: AbortSignal
  timers?: Timers
  /** A monotonic clock in milliseconds, for response times. */
  now?: () => number
  /**
   * Defaults to a fresh connection per request: polls are seconds apart, and reusing an idle socket the server has
   * meanwhile closed shows up as a spurious `reset`.
   */
  agent?: http.Agent | false
}

export interface BoundedGetSuccess {
  ok: true
  status: number
  statusText: string
  headers: IncomingHttpHeaders
  body: Buffer
  elapsedMs: number
}

export interface BoundedGetFailure {
  ok: false
  reason: PollFailureReason
  /** A sentence for the person watching the signal; never includes credentials. */
  message: string
  elapsedMs: number
  receivedBytes: number
  /** Set when the server answered: for `http` failures the body is kept too, since it often explains the status. */
  status?: number
  statusText?: string
  body?: Buffer
}

export type BoundedGetResult = BoundedGetSuccess | BoundedGetFailure

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MiB`
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`
  return `${n} bytes`
}

/** Host and port only: the rest of a URL may carry tokens in its query string. */
function hostOf(url: URL): string {
  return url.port ? `${url.hostname}:${url.port}` : `${url.hostname}:${url.protocol === 'https:' ? 443 : 80}`
}

function classifyError(error: NodeJS.ErrnoException, url: URL): { reason: PollFailureReason; message: string } {
  const host = hostOf(url)
  const code = error.code ?? ''
  switch (code) {
    case 'ECONNREFUSED':
      return { reason: 'refused', message: `connection refused by ${host}; is the service running and listening on that port?` }
    case 'ECONNRESET':
    case 'EPIPE':
      return { reason: 'reset', message: `${host} reset the connection before the response was complete` }
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { reason: 'refused', message: `could not resolve the host name ${url.hostname}` }
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { reason: 'refused', message: `${host} is unreachable from this machine` }
    case 'ETIMEDOUT':
      return { reason: 'timeout', message: `the connection to ${host} timed out` }
  }
  if (code.startsWith('HPE_')) return { reason: 'unparseable', message: `${host} answered with something that is not valid HTTP (${error.message})` }
  if (code.startsWith('ERR_TLS') || code.includes('CERT') || code.startsWith('ERR_SSL')) {
    return { reason: 'refused', message: `the TLS connection to ${host} was refused: ${error.message}` }
  }
  return { reason: 'refused', message: `could not reach ${host}: ${error.message}` }
}

export function httpStatusMessage(status: number, statusText: string, location?: string): string {
  const base = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`
  if (status >= 300 && status < 400) return `${base}; redirects are not followed, so use the final address${location ? ` (${location})` : ''}`
  return base
}

/** Origin and path of a redirect, without its query string, which may carry a session token. */
function redirectTarget(location: string | undefined, base: URL): string | undefined {
  if (!location || !URL.canParse(location, base.href)) return undefined
  const to = new URL(location, base)
  return `${to.origin}${to.pathname}`
}

/**
 * One GET that cannot hang, cannot fill memory and cannot throw: every way it can go wrong comes back as a failure
 * value with a reason the signal can show.
 */
export function boundedGet(target: string, options: BoundedGetOptions): Promise<BoundedGetResult> {
  const timers = options.timers ?? realTimers
  const now = options.now ?? (() => performance.now())
  const started = now()

  return new Promise<BoundedGetResult>((resolve) => {
    let settled = false
    let received = 0
    let timer: TimerHandle | undefined
    let request: http.ClientRequest | undefined
    const chunks: Buffer[] = []

    const finish = (result: BoundedGetResult) => {
      if (settled) return
      settled = true
      if (timer !== undefined) timers.clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      resolve(result)
    }
    const fail = (reason: PollFailureReason, message: string, extra: Partial<BoundedGetFailure> = {}) => {
      finish({ ok: false, reason, message, elapsedMs: now() - started, receivedBytes: received, ...extra })
      // Dropping the socket is what stops a hanging or oversized response from costing anything more.
      request?.destroy()
    }
    function onAbort() {
      const why = options.signal?.reason
      fail('timeout', why instanceof Error ? why.message : typeof why === 'string' ? why : 'the poll was cancelled')
    }

    try {
      let url: URL
      try {
        url = new URL(target)
      } catch {
        fail('refused', 'the address is not a valid URL')
        return
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        fail('refused', `only http and https addresses can be polled, not ${url.protocol}`)
        return
      }
      if (options.signal?.aborted) {
        onAbort()
        return
      }
      options.signal?.addEventListener('abort', onAbort)
      timer = timers.setTimeout(() => fail('timeout', `timed out after ${options.timeoutMs} ms`), options.timeoutMs)

      const client = url.protocol === 'https:' ? https : http
      request = client.request(url, {
        method: 'GET',
        headers: { 'user-agent': 'release-war-room', ...options.headers },
        agent: options.agent ?? false
      })
      request.on('error', (error: NodeJS.ErrnoException) => {
        const { reason, message } = classifyError(error, url)
        fail(reason, message)
      })
      request.on('response', (response) => {
        const status = response.statusCode ?? 0
        const statusText = response.statusMessage || http.STATUS_CODES[status] || ''
        response.on('error', (error: NodeJS.ErrnoException) => {
          const { reason, message } = classifyError(error, url)
          fail(reason, message, { status, statusText })
        })
        response.on('close', () => {
          if (!response.complete) fail('reset', `${hostOf(url)} closed the connection before the response was complete`, { status, statusText })
        })
        const declared = Number(response.headers['content-length'])
        if (Number.isFinite(declared) && declared > options.maxBytes) {
          fail('too-large', `the response is ${formatBytes(declared)}, over the ${formatBytes(options.maxBytes)} limit for a poll`, { status, statusText })
          return
        }
        response.on('data', (chunk: Buffer) => {
          if (settled) return
          received += chunk.length
          if (received > options.maxBytes) {
            fail('too-large', `the response passed the ${formatBytes(options.maxBytes)} limit for a poll; reading stopped there`, { status, statusText })
            return
          }
          chunks.push(chunk)
        })
        response.on('end', () => {
          const body = Buffer.concat(chunks)
          if (status >= 200 && status < 300) {
            finish({ ok: true, status, statusText, headers: response.headers, body, elapsedMs: now() - started })
          } else {
            const location = redirectTarget(response.headers.location, url)
            fail('http', httpStatusMessage(status, statusText, location), { status, statusText, body })
          }
        })
      })
      request.end()
    } catch (error) {
      fail('refused', `the request could not be sent: ${error instanceof Error ? error.message : String(error)}`)
    }
  })
}
