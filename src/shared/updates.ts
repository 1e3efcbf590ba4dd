import { z } from 'zod'
import type { Actor } from './roles'

/**
 * Stakeholder updates: the playbook's communication plan ("who needs to know what and when"), one message per stage,
 * plus the rollback update its rollback advice asks for ("communicate during rollback; don't leave stakeholders
 * wondering"). "Production started" is ours: the playbook asks to "communicate progress" during the deployment.
 */
export const UPDATE_STAGES = [
  'scheduled',
  'staging-complete',
  'production-imminent',
  'production-started',
  'production-complete',
  'validation-complete',
  'release-closed',
  'rollback'
] as const
export type UpdateStage = (typeof UPDATE_STAGES)[number]
export const updateStageSchema = z.enum(UPDATE_STAGES, { error: `stage must be one of: ${UPDATE_STAGES.join(', ')}` })

export const UPDATE_STAGE_LABELS: Record<UpdateStage, string> = {
  scheduled: 'Deployment scheduled',
  'staging-complete': 'Staging complete',
  'production-imminent': 'Production imminent',
  'production-started': 'Production started',
  'production-complete': 'Production complete',
  'validation-complete': 'Validation complete',
  'release-closed': 'Release closed',
  rollback: 'Rolling back'
}

/** The playbook's "When" column, shown beside the stage so the room knows when each message is due. */
export const UPDATE_STAGE_WHEN: Record<UpdateStage, string> = {
  scheduled: 'about 2 weeks before the window',
  'staging-complete': 'about 1 week before',
  'production-imminent': '24 hours before',
  'production-started': 'as the rollout starts',
  'production-complete': 'right after the last step',
  'validation-complete': '1–2 weeks after',
  'release-closed': 'after closure',
  rollback: 'as soon as a rollback is decided, and until it is done'
}

/**
 * The defaults every release starts from, written from the playbook's "What to say" column. Each names only fields
 * from the catalogue (update-fields.ts); a test renders every one against a live room.
 */
export const DEFAULT_UPDATE_TEMPLATES: Record<UpdateStage, string> = {
  scheduled:
    '{service} {version} is scheduled for {environment}: {window}. What to expect: {downtime}. Accountable owner: {owner}.',
  'staging-complete': '{service} {version} went through staging successfully. The production deployment is on track for {window}.',
  'production-imminent':
    '{service} {version} goes to {environment} {startsIn} ({window}). What to expect: {downtime}. We will post here when it starts.',
  'production-started':
    '{service} {version} is rolling out to {environment} ({strategy}): {rollout}. Health: {signals}; {incidents}. Next update when it completes.',
  'production-complete':
    '{service} {version} is live in {environment}. Rollout: {rollout}; the deployment took {deploymentTime}. We keep watching it: {signals}; {incidents}.',
  'validation-complete':
    'The validation period for {service} {version} is over: {incidents}, {outcomes}. The release is a success.',
  'release-closed': '{service} {version} is closed and its lessons learned are written up. Next release: {nextRelease}.',
  rollback:
    'We are rolling back {service} {version} in {environment}. Why: {rollbackReason}. Progress: {rollback}. Health: {signals}; {incidents}. Next update within 15 minutes.'
}

export const MAX_TEMPLATE_CHARS = 2000

/**
 * At most one send every 30 s and ten an hour, per release. The spacing stops a double click, or two people in the
 * room, from posting the same news twice; ten an hour is more than a rollback needs (an update every 15 minutes
 * is what its target asks for) and keeps a channel from being flooded. Both are far inside Slack's own limit of one
 * message a second per webhook. A failed send reached nobody, so it does not hold the next one back by 30 s; it
 * still counts toward the hour, so a broken webhook cannot be hammered.
 */
export const SEND_LIMIT = { spacingMs: 30_000, perHour: 10 } as const

export interface UpdateTemplateView {
  stage: UpdateStage
  body: string
  /** False while the stage still uses the default text. */
  custom: boolean
  updatedAt: string | null
  updatedBy: Actor | null
}

/** The webhook as the room shows it: never the address itself, which is the secret. */
export interface WebhookView {
  host: string
  /** Encrypted with the OS key store (desktop app); false in the browser host, which keeps it unencrypted. */
  encrypted: boolean
  setAt: string
  setBy: Actor
}

export type UpdateChannel = 'webhook' | 'copy'
/** pending: accepted and on its way; copied: someone copied it to send by hand. */
export type UpdateSendStatus = 'pending' | 'delivered' | 'failed' | 'copied'

export interface UpdateSendView {
  id: string
  stage: UpdateStage
  channel: UpdateChannel
  /** The webhook's host for a send; null for a copy. */
  host: string | null
  text: string
  requestedAt: number
  requestedBy: Actor
  status: UpdateSendStatus
  httpStatus: number | null
  /** Why it failed: the receiver's answer, a timeout, a refused connection. */
  detail: string | null
  durationMs: number | null
  finishedAt: number | null
}

/** The same service's next release with a window, for "Next release planned for Y". */
export interface NextReleaseView {
  id: string
  title: string
  version: string
  windowStart: string | null
}

export interface UpdatesView {
  /** Every stage, in the communication plan's order. */
  templates: UpdateTemplateView[]
  webhook: WebhookView | null
  /** Newest first, the last ten. */
  sends: UpdateSendView[]
  /** When the rate limit lets the next webhook send go; null when it may go now. */
  nextSendAt: number | null
  nextRelease: NextReleaseView | null
}

/** What the stakeholder-updates feature adds to `releases.get`. */
export interface UpdatesRoomPart {
  updates: UpdatesView
}
