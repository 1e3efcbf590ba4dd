import { z } from 'zod'
import { actorSchema, type Actor } from './roles'
import type { MethodSpec } from './api-fields'

/**
 * A stored credential's name is the environment variable it stands in for: a signal's `tokenEnv` of
 * PROMETHEUS_TOKEN reads the stored PROMETHEUS_TOKEN first and the environment variable second.
 */
export const SECRET_NAME_PATTERN = /^[A-Z_][A-Z0-9_]{0,127}$/
export const MAX_SECRET_BYTES = 16_384

export const secretNameSchema = z
  .string({ error: 'name is required: the environment variable name the credential stands for, such as PROMETHEUS_TOKEN' })
  .regex(SECRET_NAME_PATTERN, 'name must be an upper-case environment variable name such as PROMETHEUS_TOKEN (A-Z, digits and _, not starting with a digit)')

/** Messages here never quote the input: it is a password or a token. */
const secretValueSchema = z
  .string({ error: 'value is required: the token or password to store' })
  .min(1, 'value is required: the token or password to store')
  .refine((v) => new TextEncoder().encode(v).length <= MAX_SECRET_BYTES, `value is longer than ${MAX_SECRET_BYTES} bytes`)
  // It goes into an HTTP header as is; a pasted line break would make every request fail.
  // eslint-disable-next-line no-control-regex
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'value must be one line without control characters (check for a pasted line break)')

export interface StoredSecret {
  name: string
  updatedAt: string
  updatedBy: Actor
}

export interface SecretList {
  /** False in the browser host (it has no cipher) and on a desktop without an OS keyring: `secrets.set` is refused there. */
  canStore: boolean
  secrets: StoredSecret[]
}

/**
 * Credentials for signals, kept encrypted by the desktop app (Electron's safeStorage). Values go in and are never
 * returned: not by `secrets.list`, not in events, not on the timeline.
 */
export const secretsApi = {
  'secrets.set': { input: z.object({ name: secretNameSchema, value: secretValueSchema, actor: actorSchema }).strict(), mutates: true },
  'secrets.list': { input: z.object({}).strict(), mutates: false },
  'secrets.remove': { input: z.object({ name: secretNameSchema, actor: actorSchema }).strict(), mutates: true }
} as const satisfies Record<string, MethodSpec>

export interface SecretResults {
  'secrets.set': StoredSecret
  'secrets.list': SecretList
  'secrets.remove': { name: string; removed: true }
}
