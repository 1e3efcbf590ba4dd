import type { SignalAuth } from '../../shared/signal'

/**
 * Looks a credential up by the name the signal gives. In the browser host this is the environment; the desktop app
 * can pass a lookup backed by safeStorage instead. The value never leaves the request headers.
 */
export type SecretLookup = (name: string) => string | undefined

export const environmentSecrets: SecretLookup = (name) => {
  const value = process.env[name]
  return value === undefined || value === '' ? undefined : value
}

export type AuthHeaders = { ok: true; headers: Record<string, string> } | { ok: false; message: string }

export function authHeaders(auth: SignalAuth | undefined, lookup: SecretLookup): AuthHeaders {
  if (!auth) return { ok: true, headers: {} }
  const missing = (name: string, what: string): AuthHeaders => ({
    ok: false,
    message: `not sent: ${name} (the ${what} for this signal) is not set where the app can read it; set it and the next poll will use it`
  })
  if (auth.kind === 'bearer') {
    const token = lookup(auth.tokenEnv)
    if (token === undefined) return missing(auth.tokenEnv, 'bearer token')
    return { ok: true, headers: { authorization: `Bearer ${token}` } }
  }
  const username = lookup(auth.usernameEnv)
  if (username === undefined) return missing(auth.usernameEnv, 'basic-auth user name')
  const password = lookup(auth.passwordEnv)
  if (password === undefined) return missing(auth.passwordEnv, 'basic-auth password')
  return { ok: true, headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}` } }
}
