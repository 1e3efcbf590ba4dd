/**
 * The error body both hosts answer with. `code` is stable for programs; `message` is a sentence a person can act on.
 */
export type ApiErrorCode =
  | 'invalid_input'
  | 'unknown_method'
  | 'not_found'
  | 'rule_violation'
  | 'rate_limited'
  | 'unauthorized'
  | 'forbidden'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'internal'

export interface ApiIssue {
  path: string
  message: string
}

export interface ApiErrorBody {
  code: ApiErrorCode
  message: string
  issues?: ApiIssue[]
}

/** HTTP status for each code, so the Electron host and the browser host agree on meaning. */
export const STATUS_OF: Record<ApiErrorCode, number> = {
  invalid_input: 400,
  unknown_method: 404,
  not_found: 404,
  rule_violation: 409,
  rate_limited: 429,
  unauthorized: 401,
  forbidden: 403,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500
}

/** The outcome of one call, as it crosses a process boundary (IPC cannot carry Error subclasses). */
export type CallOutcome<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody }
