import type { HandlerContext } from '../api/handler-context'
import type { Release } from '../../shared/release'
import type { UpdatesRoomPart } from '../../shared/updates'
import { LIMIT_LOOKBACK_MS, sendAllowance } from './send-limit'

/** When the rate limit lets this release's next webhook send go, or null for now. */
export function nextSendAt(ctx: HandlerContext, releaseId: string, now: number): number | null {
  const allowance = sendAllowance(ctx.updates.webhookSendsSince(releaseId, now - LIMIT_LOOKBACK_MS), now)
  return allowance.ok ? null : allowance.retryAt
}

/** What the stakeholder-updates feature adds to `releases.get`. The webhook appears only as its host. */
export function readUpdatesPart(ctx: HandlerContext, release: Release): UpdatesRoomPart {
  const now = ctx.clock.now()
  return {
    updates: {
      templates: ctx.updates.templates(release.id),
      webhook: ctx.updates.webhook(release.id),
      sends: ctx.updates.recent(release.id),
      nextSendAt: nextSendAt(ctx, release.id, now),
      nextRelease: ctx.updates.nextRelease(release.service, release.id, new Date(now).toISOString())
    }
  }
}
