import type { HandlerContext } from '../api/handler-context'
import { RuleViolation } from '../api/domain-error'
import type { Release } from '../../shared/release'
import { DEFAULT_PLANS, DEFAULT_ROLLOUT_TEMPLATE } from '../../shared/rollout'
import type { NoticeKind } from '../../shared/events-rollout'
import { newRollout } from './plan-compile'
import type { RolloutRecord } from './rollout-stores'

/** A release that has never used its rollout holds the defaults, unsaved: what `releases.get` shows until first use. */
export function defaultRollout(release: Release): RolloutRecord {
  const plan = DEFAULT_PLANS[release.strategy]
  return { releaseId: release.id, plan, state: newRollout(plan), template: structuredClone(DEFAULT_ROLLOUT_TEMPLATE) }
}

/** The release's rollout as stored, or the defaults it would copy; reading never writes, so a refusal writes nothing. */
export function readRollout(ctx: HandlerContext, release: Release): RolloutRecord {
  return ctx.rollouts.get(release.id) ?? defaultRollout(release)
}

/**
 * The release's rollout, created at first use from the defaults. The template (triggers, decision tree, rollback
 * procedure, targets) is copied into the release's row then, so a later change to the defaults never moves it.
 */
export function ensureRollout(ctx: HandlerContext, release: Release): RolloutRecord {
  const found = ctx.rollouts.get(release.id)
  if (found) return found
  const fresh = defaultRollout(release)
  ctx.rollouts.insert(fresh, ctx.clock.now())
  return fresh
}

export function refuse(reasons: readonly (string | undefined)[]): void {
  const given = reasons.filter((r): r is string => !!r)
  if (given.length) throw new RuleViolation(given.join(' '), given.map((message) => ({ path: '', message })))
}

export function notice(ctx: HandlerContext, releaseId: string, kind: NoticeKind, title: string, text: string): void {
  ctx.emit({ type: 'rollout.notice', releaseId, notice: kind, title, text })
}

