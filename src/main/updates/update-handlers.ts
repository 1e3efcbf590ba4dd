import type { Handler } from '../api/handlers'
import type { Room } from '../../shared/room'
import { DomainError, RuleViolation } from '../api/domain-error'
import type { Actor } from '../../shared/roles'
import type { Release } from '../../shared/release'
import { UPDATE_STAGE_LABELS, type UpdateStage } from '../../shared/updates'
import { renderTemplate } from '../../shared/update-template'
import { suggestStage } from '../../shared/update-stage'
import { isAccountableOwner, refuseObserver, type Refusal } from '../runbook/release-rules'
import { readRoom, requireRelease } from '../runbook/room-state'
import { nowIso, record } from '../timeline/record'
import { LIMIT_LOOKBACK_MS, sendAllowance, type SendAllowance } from './send-limit'
import type { StoredWebhook } from './update-store'

const STAGE = (stage: UpdateStage) => `“${UPDATE_STAGE_LABELS[stage]}”`

/** The playbook has the product owner communicate with stakeholders; the people who run the window set it up too. */
function refuseUpdateSetup(release: Release, actor: Actor, what: string): Refusal {
  const observer = refuseObserver(actor, what)
  if (observer) return observer
  if (['devops-lead', 'product-owner', 'project-manager'].includes(actor.role) || isAccountableOwner(release, actor)) return undefined
  return `Only the DevOps lead, the product owner, the project manager or the accountable owner (${release.owner}) can ${what}.`
}

function guard(refusal: Refusal): void {
  if (refusal) throw new RuleViolation(refusal)
}

/** The message a stage's template makes from the room now: what the timeline records and the webhook receives. */
function messageFor(room: Room, now: number, body: string): string {
  const rendered = renderTemplate(body, room, now)
  if (!rendered.ok) {
    throw new RuleViolation(`The template cannot be filled in: ${rendered.problems.map((p) => p.message).join(' ')} Edit the template and try again.`)
  }
  return rendered.text
}

const utcTime = (ms: number) => `${new Date(ms).toISOString().slice(11, 19)} UTC`

function limitMessage(a: Exclude<SendAllowance, { ok: true }>, now: number): string {
  if (a.rule === 'spacing') {
    const ago = Math.max(0, Math.round((now - a.lastAt) / 1000))
    return (
      `The last update went out ${ago} s ago. Sends are at least 30 s apart, so two people in the room do not post the same ` +
      `news twice; this one can go at ${utcTime(a.retryAt)}. Nothing was sent.`
    )
  }
  return (
    `${a.count} updates went to this release's webhook in the last hour, the most it sends (ten an hour keeps the channel ` +
    `readable). The next can go at ${utcTime(a.retryAt)}; copy the message to post it by hand if it cannot wait. Nothing was sent.`
  )
}

const setTemplate: Handler<'updates.templates.set'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  guard(refuseUpdateSetup(release, input.actor, 'edit stakeholder update templates'))
  ctx.updates.setTemplate(release.id, input.stage, input.body, input.actor, nowIso(ctx))
  record(ctx, {
    releaseId: release.id,
    kind: 'update.template-set',
    actor: input.actor,
    summary: `Edited the ${STAGE(input.stage)} update template`,
    data: { stage: input.stage, body: input.body }
  })
  return ctx.updates.template(release.id, input.stage)
}

/** Back to the default text. Resetting a stage that already uses it changes nothing and records nothing. */
const resetTemplate: Handler<'updates.templates.reset'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  guard(refuseUpdateSetup(release, input.actor, 'reset stakeholder update templates'))
  if (ctx.updates.resetTemplate(release.id, input.stage)) {
    record(ctx, {
      releaseId: release.id,
      kind: 'update.template-reset',
      actor: input.actor,
      summary: `Reset the ${STAGE(input.stage)} update template to the default`,
      data: { stage: input.stage }
    })
  }
  return ctx.updates.template(release.id, input.stage)
}

const preview: Handler<'updates.preview'> = (input, ctx) => {
  const room = readRoom(ctx, input.releaseId)
  const now = ctx.clock.now()
  const suggested = suggestStage(room, now)
  const stage = input.stage ?? suggested.stage
  const body = input.body ?? room.updates.templates.find((t) => t.stage === stage)!.body
  return { stage, text: messageFor(room, now, body), suggested }
}

/**
 * The address is the secret. The desktop app encrypts it with the OS key store (the cipher `secrets.set` uses); the
 * browser host has none, so it keeps the address unencrypted in its database and says so. Either way no answer,
 * event or timeline entry carries more than its host.
 */
const setWebhook: Handler<'updates.webhook.set'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  guard(refuseUpdateSetup(release, input.actor, 'set the stakeholder webhook'))
  const host = new URL(input.url).host
  const cipher = ctx.secrets.cipher
  let stored: StoredWebhook
  if (cipher?.available()) {
    try {
      stored = { address: cipher.encrypt(input.url), encrypted: true, host }
    } catch (e) {
      throw new RuleViolation(
        `The OS key store refused to encrypt the webhook address (${e instanceof Error ? e.message : 'no reason given'}); nothing was saved. Unlock the key store and try again.`
      )
    }
  } else {
    stored = { address: Buffer.from(input.url, 'utf8'), encrypted: false, host }
  }
  const before = ctx.updates.webhook(release.id)
  ctx.updates.setWebhook(release.id, stored, input.actor, nowIso(ctx))
  const where = before ? `from ${before.host} to ${host}` : `to ${host}`
  record(ctx, {
    releaseId: release.id,
    kind: 'update.webhook-set',
    actor: input.actor,
    summary: `Set the stakeholder webhook ${where}${stored.encrypted ? '' : ' (kept unencrypted: this host has no OS key store)'}`,
    data: { host, previousHost: before?.host ?? null, encrypted: stored.encrypted }
  })
  return ctx.updates.webhook(release.id)!
}

const removeWebhook: Handler<'updates.webhook.remove'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  guard(refuseUpdateSetup(release, input.actor, 'remove the stakeholder webhook'))
  const before = ctx.updates.webhook(release.id)
  if (!before || !ctx.updates.removeWebhook(release.id)) {
    throw new DomainError('not_found', 'This release has no stakeholder webhook to remove.')
  }
  record(ctx, { releaseId: release.id, kind: 'update.webhook-removed', actor: input.actor, summary: `Removed the stakeholder webhook (${before.host})`, data: { host: before.host } })
  return { removed: true as const }
}

/**
 * Accepts a send: checks the rate limit, renders the message from the room now, and records the request on the
 * timeline in this transaction. The update service posts it once this commits and records the outcome. Anyone in
 * the window but an observer may send: in a rollback, whoever is free should be able to tell people.
 */
const send: Handler<'updates.send'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  guard(refuseObserver(input.actor, 'send stakeholder updates'))
  const webhook = ctx.updates.webhook(release.id)
  if (!webhook) {
    throw new RuleViolation('This release has no stakeholder webhook yet. Set one under Stakeholder updates, or copy the message and post it by hand.')
  }
  const now = ctx.clock.now()
  const allowance = sendAllowance(ctx.updates.webhookSendsSince(release.id, now - LIMIT_LOOKBACK_MS), now)
  if (!allowance.ok) throw new DomainError('rate_limited', limitMessage(allowance, now))
  const text = messageFor(readRoom(ctx, release.id), now, ctx.updates.template(release.id, input.stage).body)
  const sent = ctx.updates.addSend({ releaseId: release.id, stage: input.stage, channel: 'webhook', host: webhook.host, text, at: now, actor: input.actor })
  record(ctx, {
    releaseId: release.id,
    kind: 'update.sending',
    actor: input.actor,
    summary: `Sending the ${STAGE(input.stage)} update to ${webhook.host}`,
    data: { sendId: sent.id, stage: input.stage, host: webhook.host, text }
  })
  return sent
}

const copied: Handler<'updates.copied'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  const sent = ctx.updates.addSend({ releaseId: release.id, stage: input.stage, channel: 'copy', host: null, text: input.text, at: ctx.clock.now(), actor: input.actor })
  record(ctx, {
    releaseId: release.id,
    kind: 'update.copied',
    actor: input.actor,
    summary: `Copied the ${STAGE(input.stage)} update to send by hand`,
    data: { sendId: sent.id, stage: input.stage, text: input.text }
  })
  return sent
}

export const updateHandlers = {
  'updates.templates.set': setTemplate,
  'updates.templates.reset': resetTemplate,
  'updates.preview': preview,
  'updates.webhook.set': setWebhook,
  'updates.webhook.remove': removeWebhook,
  'updates.send': send,
  'updates.copied': copied
}
