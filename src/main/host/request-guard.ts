import type { IncomingMessage } from 'node:http'
import { timingSafeEqual } from 'node:crypto'

export const TOKEN_COOKIE = 'warroom_token'

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]'])

export function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || /^127(\.\d{1,3}){3}$/.test(host)
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function cookieToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie
  if (!header) return undefined
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === TOKEN_COOKIE) return decodeURIComponent(v.join('='))
  }
  return undefined
}

/** The token a request carries: a bearer header (scripts), the cookie (the served page), or `?token=` (first visit). */
export function presentedToken(req: IncomingMessage, url: URL): string | undefined {
  const auth = req.headers.authorization
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim()
  return cookieToken(req) ?? url.searchParams.get('token') ?? undefined
}

export function tokenMatches(expected: string | undefined, presented: string | undefined): boolean {
  if (!expected) return true
  return presented !== undefined && sameSecret(expected, presented)
}

/**
 * Refuses what a browser sends on behalf of another site. A page elsewhere can make a visitor's browser post to
 * 127.0.0.1; the Origin check stops that, and the Host check stops a rebound DNS name from passing as same-origin.
 */
export function crossOriginReason(req: IncomingMessage, boundHost: string, port: number): string | undefined {
  const host = req.headers.host
  if (isLoopback(boundHost) && host) {
    const name = host.replace(/:\d+$/, '')
    if (!isLoopback(name)) return `Host "${host}" is not this war room's address`
  }
  const origin = req.headers.origin
  if (origin && origin !== 'null') {
    let o: URL
    try {
      o = new URL(origin)
    } catch {
      return `Origin "${origin}" is not a URL`
    }
    if (o.host !== host) return `Requests from ${origin} are not accepted; open the war room at its own address`
  } else if (origin === 'null') {
    return 'Requests from an opaque origin are not accepted'
  }
  void port
  return undefined
}
