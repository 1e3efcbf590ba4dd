import type { HandlerContext } from '../api/handler-context'
import { RuleViolation } from '../api/domain-error'
import type { Release } from '../../shared/release'
import { DEFAULT_PLANS, DEFAULT_ROLLOUT_TEMPLATE } from '../../shared/rollout'
import type { NoticeKind } from '../../shared/events-rollout'
import { newRollout } from './plan-compile'
import type { RolloutRecord } from './rollout-stores'

/**
 * A release that has never used its rollout holds its runbook template's plan, triggers, decision tree and rollback
 * procedure (the playbook's where the template has none), unsaved: what `releases.get` shows until first use.
 */
export function defaultRollout(ctx: Pick<HandlerContext, 'templates'>, release: Release): RolloutRecord {
  const runbook = ctx.templates.get(release.templateId)
  const plan = runbook?.plan?.strategy === release.strategy ? runbook.plan : DEFAULT_PLANS[release.strategy]
  return { releaseId: release.id, plan, state: newRollout(plan), template: structuredClone(runbook?.rollout ?? DEFAULT_ROLLOUT_TEMPLATE) }
}

/** The release's rollout as stored, or the defaults it would copy; reading never writes, so a refusal writes nothing. */
export function readRollout(ctx: HandlerContext, release: Release): RolloutRecord {
  return ctx.rollouts.get(release.id) ?? defaultRollout(ctx, release)
}

/**
 * The release's rollout, created at first use from its runbook template or the defaults. The template (triggers, decision tree, rollback
 * procedure, targets) is copied into the release's row then, so a later change to the defaults never moves it.
 */
export function ensureRollout(ctx: HandlerContext, release: Release): RolloutRecord {
  const found = ctx.rollouts.get(release.id)
  if (found) return found
  const fresh = defaultRollout(ctx, release)
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

