import { SEND_LIMIT, type UpdateSendStatus } from '../../shared/updates'

export interface SendLimit {
  spacingMs: number
  perHour: number
}

export interface PastSend {
  at: number
  status: UpdateSendStatus
}

export type SendAllowance =
  | { ok: true }
  | { ok: false; rule: 'spacing' | 'hourly'; retryAt: number; lastAt: number; count: number }

const HOUR = 3600_000

/** The window of past sends the limit looks at: anything older cannot refuse a send now. */
export const LIMIT_LOOKBACK_MS = HOUR

/**
 * Whether a webhook send may go at `now`, given the release's earlier webhook sends (any order). See SEND_LIMIT for
 * the rule and why; `retryAt` is the first moment the send would be accepted.
 */
export function sendAllowance(past: readonly PastSend[], now: number, limit: SendLimit = SEND_LIMIT): SendAllowance {
  const inHour = past.filter((p) => p.at > now - HOUR && p.at <= now).sort((a, b) => a.at - b.at)
  const reached = inHour.filter((p) => p.status !== 'failed')
  const last = reached[reached.length - 1]
  if (last && now - last.at < limit.spacingMs) {
    return { ok: false, rule: 'spacing', retryAt: last.at + limit.spacingMs, lastAt: last.at, count: inHour.length }
  }
  if (inHour.length >= limit.perHour) {
    // The send that leaves the hour first makes room: the oldest beyond what the cap allows.
    const freeing = inHour[inHour.length - limit.perHour]
    return { ok: false, rule: 'hourly', retryAt: freeing.at + HOUR, lastAt: inHour[inHour.length - 1].at, count: inHour.length }
  }
  return { ok: true }
}
