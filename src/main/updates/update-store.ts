import { randomUUID } from 'node:crypto'
import type { Db } from '../store/database'
import type { Actor, Role } from '../../shared/roles'
import { TERMINAL_STATUSES } from '../../shared/release'
import {
  DEFAULT_UPDATE_TEMPLATES,
  UPDATE_STAGES,
  type NextReleaseView,
  type UpdateChannel,
  type UpdateSendStatus,
  type UpdateSendView,
  type UpdateStage,
  type UpdateTemplateView,
  type WebhookView
} from '../../shared/updates'

interface TemplateRow {
  stage: UpdateStage
  body: string
  updated_at: string
  updated_by: string
  updated_role: Role
}

interface WebhookRow {
  address: Buffer
  encrypted: 0 | 1
  host: string
  set_at: string
  set_by: string
  set_role: Role
}

interface SendRow {
  id: string
  release_id: string
  stage: UpdateStage
  channel: UpdateChannel
  host: string | null
  text: string
  requested_at: number
  requested_by: string
  requested_role: Role
  status: UpdateSendStatus
  http_status: number | null
  detail: string | null
  duration_ms: number | null
  finished_at: number | null
}

/** A send the background service has yet to deliver. */
export interface PendingSend {
  id: string
  releaseId: string
  stage: UpdateStage
  text: string
  host: string | null
}

/** The webhook as stored: the address is ciphertext when `encrypted`, UTF-8 otherwise. Only the service reads it. */
export interface StoredWebhook {
  address: Buffer
  encrypted: boolean
  host: string
}

function toSend(r: SendRow): UpdateSendView {
  return {
    id: r.id,
    stage: r.stage,
    channel: r.channel,
    host: r.host,
    text: r.text,
    requestedAt: r.requested_at,
    requestedBy: { name: r.requested_by, role: r.requested_role },
    status: r.status,
    httpStatus: r.http_status,
    detail: r.detail,
    durationMs: r.duration_ms,
    finishedAt: r.finished_at
  }
}

const ENDED = TERMINAL_STATUSES.map((s) => `'${s}'`).join(', ')

/** Templates, the webhook and the send log of each release's stakeholder updates. */
export class UpdateStore {
  private readonly templatesStmt
  private readonly upsertTemplateStmt
  private readonly deleteTemplateStmt
  private readonly webhookStmt
  private readonly upsertWebhookStmt
  private readonly deleteWebhookStmt
  private readonly insertSendStmt
  private readonly recentStmt
  private readonly sinceStmt
  private readonly pendingStmt
  private readonly finishStmt
  private readonly nextReleaseStmt

  constructor(db: Db) {
    this.templatesStmt = db.prepare<[string], TemplateRow>('SELECT stage, body, updated_at, updated_by, updated_role FROM update_templates WHERE release_id = ?')
    this.upsertTemplateStmt = db.prepare(`
      INSERT INTO update_templates (release_id, stage, body, updated_at, updated_by, updated_role) VALUES (@releaseId, @stage, @body, @at, @name, @role)
      ON CONFLICT (release_id, stage) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at,
        updated_by = excluded.updated_by, updated_role = excluded.updated_role`)
    this.deleteTemplateStmt = db.prepare<[string, string]>('DELETE FROM update_templates WHERE release_id = ? AND stage = ?')
    this.webhookStmt = db.prepare<[string], WebhookRow>('SELECT address, encrypted, host, set_at, set_by, set_role FROM update_webhooks WHERE release_id = ?')
    this.upsertWebhookStmt = db.prepare(`
      INSERT INTO update_webhooks (release_id, address, encrypted, host, set_at, set_by, set_role) VALUES (@releaseId, @address, @encrypted, @host, @at, @name, @role)
      ON CONFLICT (release_id) DO UPDATE SET address = excluded.address, encrypted = excluded.encrypted, host = excluded.host,
        set_at = excluded.set_at, set_by = excluded.set_by, set_role = excluded.set_role`)
    this.deleteWebhookStmt = db.prepare<[string]>('DELETE FROM update_webhooks WHERE release_id = ?')
    this.insertSendStmt = db.prepare(`
      INSERT INTO update_sends (id, release_id, stage, channel, host, text, requested_at, requested_by, requested_role, status)
      VALUES (@id, @releaseId, @stage, @channel, @host, @text, @at, @name, @role, @status)`)
    this.recentStmt = db.prepare<[string, number], SendRow>('SELECT * FROM update_sends WHERE release_id = ? ORDER BY requested_at DESC, rowid DESC LIMIT ?')
    this.sinceStmt = db.prepare<[string, number], Pick<SendRow, 'requested_at' | 'status'>>(
      "SELECT requested_at, status FROM update_sends WHERE release_id = ? AND channel = 'webhook' AND requested_at > ? ORDER BY requested_at"
    )
    this.pendingStmt = db.prepare<[], SendRow>("SELECT * FROM update_sends WHERE status = 'pending' ORDER BY requested_at")
    this.finishStmt = db.prepare(`
      UPDATE update_sends SET status = @status, http_status = @httpStatus, detail = @detail, duration_ms = @durationMs, finished_at = @at
      WHERE id = @id AND status = 'pending'`)
    this.nextReleaseStmt = db.prepare<[{ service: string; id: string; now: string }], NextReleaseView>(`
      SELECT id, title, version, window_start AS windowStart FROM releases
      WHERE service = @service AND id != @id AND status NOT IN (${ENDED}) AND (window_start IS NULL OR window_start > @now)
      ORDER BY window_start IS NULL, window_start, created_at LIMIT 1`)
  }

  /** Every stage, the release's own text where it has one and the default otherwise. */
  templates(releaseId: string): UpdateTemplateView[] {
    const own = new Map(this.templatesStmt.all(releaseId).map((r) => [r.stage, r]))
    return UPDATE_STAGES.map((stage) => {
      const r = own.get(stage)
      return r
        ? { stage, body: r.body, custom: true, updatedAt: r.updated_at, updatedBy: { name: r.updated_by, role: r.updated_role } }
        : { stage, body: DEFAULT_UPDATE_TEMPLATES[stage], custom: false, updatedAt: null, updatedBy: null }
    })
  }

  template(releaseId: string, stage: UpdateStage): UpdateTemplateView {
    return this.templates(releaseId).find((t) => t.stage === stage)!
  }

  setTemplate(releaseId: string, stage: UpdateStage, body: string, actor: Actor, at: string): void {
    this.upsertTemplateStmt.run({ releaseId, stage, body, at, name: actor.name, role: actor.role })
  }

  resetTemplate(releaseId: string, stage: UpdateStage): boolean {
    return this.deleteTemplateStmt.run(releaseId, stage).changes > 0
  }

  webhook(releaseId: string): WebhookView | null {
    const r = this.webhookStmt.get(releaseId)
    return r ? { host: r.host, encrypted: r.encrypted === 1, setAt: r.set_at, setBy: { name: r.set_by, role: r.set_role } } : null
  }

  /** The stored address, for the service that posts to it; never part of any answer. */
  storedWebhook(releaseId: string): StoredWebhook | null {
    const r = this.webhookStmt.get(releaseId)
    return r ? { address: r.address, encrypted: r.encrypted === 1, host: r.host } : null
  }

  setWebhook(releaseId: string, w: StoredWebhook, actor: Actor, at: string): void {
    this.upsertWebhookStmt.run({ releaseId, address: w.address, encrypted: w.encrypted ? 1 : 0, host: w.host, at, name: actor.name, role: actor.role })
  }

  removeWebhook(releaseId: string): boolean {
    return this.deleteWebhookStmt.run(releaseId).changes > 0
  }

  addSend(s: { releaseId: string; stage: UpdateStage; channel: UpdateChannel; host: string | null; text: string; at: number; actor: Actor }): UpdateSendView {
    const id = randomUUID()
    const status: UpdateSendStatus = s.channel === 'copy' ? 'copied' : 'pending'
    this.insertSendStmt.run({ id, releaseId: s.releaseId, stage: s.stage, channel: s.channel, host: s.host, text: s.text, at: s.at, name: s.actor.name, role: s.actor.role, status })
    return {
      id,
      stage: s.stage,
      channel: s.channel,
      host: s.host,
      text: s.text,
      requestedAt: s.at,
      requestedBy: { name: s.actor.name, role: s.actor.role },
      status,
      httpStatus: null,
      detail: null,
      durationMs: null,
      finishedAt: null
    }
  }

  recent(releaseId: string, limit = 10): UpdateSendView[] {
    return this.recentStmt.all(releaseId, limit).map(toSend)
  }

  /** Webhook sends requested after `from`, oldest first: what the rate limit counts. */
  webhookSendsSince(releaseId: string, from: number): { at: number; status: UpdateSendStatus }[] {
    return this.sinceStmt.all(releaseId, from).map((r) => ({ at: r.requested_at, status: r.status }))
  }

  pending(): PendingSend[] {
    return this.pendingStmt.all().map((r) => ({ id: r.id, releaseId: r.release_id, stage: r.stage, text: r.text, host: r.host }))
  }

  /** False when the send was already finished (it is finished once, whatever answers later). */
  finish(id: string, outcome: { status: 'delivered' | 'failed'; httpStatus: number | null; detail: string | null; durationMs: number | null; at: number }): boolean {
    return this.finishStmt.run({ id, ...outcome }).changes > 0
  }

  nextRelease(service: string, releaseId: string, nowIso: string): NextReleaseView | null {
    return this.nextReleaseStmt.get({ service, id: releaseId, now: nowIso }) ?? null
  }
}
