import type { PollFailureReason } from '../../shared/signal'

export interface ProbeDetail {
  up: boolean
  /** Absent when no HTTP answer came back (refused, timed out, reset). */
  status?: number
  latencyMs: number
  /** Why the probe counts as down. */
  reason?: PollFailureReason
  message?: string
}

export type Reading =
  | { ok: true; value: number; at: number; probe?: ProbeDetail }
  | { ok: false; reason: PollFailureReason; message: string; at: number; status?: number }

export interface ReadRequest {
  timeoutMs: number
  signal?: AbortSignal
}

/** Reads one source once per call, never throwing. A reader belongs to one signal: scrape rates keep the previous reading. */
export interface SourceReader {
  read(request: ReadRequest): Promise<Reading>
}

export type ValueOutcome = { ok: true; value: number } | { ok: false; reason: PollFailureReason; message: string }

/** NaN and ±Inf parse fine but cannot be compared with a threshold or drawn, so they fail the poll, saying which. */
export function finiteValue(value: number, what: string): ValueOutcome {
  if (Number.isNaN(value)) return { ok: false, reason: 'non-numeric', message: `${what} is NaN (not a number)` }
  if (!Number.isFinite(value)) return { ok: false, reason: 'non-numeric', message: `${what} is ${value > 0 ? '+Inf' : '-Inf'}` }
  return { ok: true, value }
}

/** The HTTP status of a failed request, when the server got as far as answering. */
export function statusOf(response: { ok: false; status?: number }): { status?: number } {
  return response.status === undefined ? {} : { status: response.status }
}
