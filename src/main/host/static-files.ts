import { createReadStream, statSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'
import type { ServerResponse } from 'node:http'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json'
}

/** The page's policy: only this origin's scripts, no framing, no plugins. Mirrors the meta tag in index.html. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/**
 * Serves the built renderer. Unknown paths get index.html so a reload on a deep link still opens the app; a path
 * that escapes the folder gets 404.
 */
export function serveStatic(root: string, pathname: string, res: ServerResponse): void {
  let rel: string
  try {
    rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '')
  } catch {
    res.writeHead(400).end()
    return
  }
  let file = join(root, rel)
  if (!file.startsWith(root + sep) && file !== root) {
    res.writeHead(404).end()
    return
  }
  let stat = safeStat(file)
  if (!stat?.isFile()) {
    file = join(root, 'index.html')
    stat = safeStat(file)
    if (!stat?.isFile()) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('The renderer has not been built. Run `npm run build`, then start the host again.\n')
      return
    }
  }
  const ext = extname(file)
  res.writeHead(200, {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'content-length': stat.size,
    'cache-control': ext === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
    ...(ext === '.html' ? { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-frame-options': 'DENY' } : {})
  })
  createReadStream(file).pipe(res)
}

function safeStat(file: string) {
  try {
    return statSync(file)
  } catch {
    return undefined
  }
}
