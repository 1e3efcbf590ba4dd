import { z } from 'zod'
import { actorSchema } from './roles'
import { releaseId, text, type MethodSpec } from './api-fields'
import { MAX_TEMPLATE_CHARS, updateStageSchema, type UpdateSendView, type UpdateStage, type UpdateTemplateView, type WebhookView } from './updates'
import { parseTemplate } from './update-template'
import type { StageSuggestion } from './update-stage'

/** A template is checked as it is saved: an unknown field or a stray brace is refused, naming each one. */
const templateBody = text('Template', MAX_TEMPLATE_CHARS).superRefine((body, ctx) => {
  const parsed = parseTemplate(body)
  if (!parsed.ok) for (const p of parsed.problems) ctx.addIssue({ code: 'custom', message: p.message })
})

/** Messages here never quote the input: the address is the webhook's secret. */
const webhookUrl = z
  .string({ error: 'url is required: the incoming webhook address, such as https://hooks.slack.com/services/…' })
  .trim()
  .min(1, 'url is required: the incoming webhook address, such as https://hooks.slack.com/services/…')
  .max(2000, 'url is longer than 2000 characters')
  .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), {
    message: 'url must be an http:// or https:// address, such as https://hooks.slack.com/services/…'
  })
  .refine((u) => !URL.canParse(u) || (new URL(u).username === '' && new URL(u).password === ''), {
    message: 'url must not contain a user name or password'
  })

/** The stakeholder updates of a release: its templates, where they are sent, and each send or copy. */
export const updatesApi = {
  'updates.templates.set': {
    input: z.object({ releaseId, stage: updateStageSchema, body: templateBody, actor: actorSchema }).strict(),
    mutates: true
  },
  'updates.templates.reset': { input: z.object({ releaseId, stage: updateStageSchema, actor: actorSchema }).strict(), mutates: true },
  /** The text a stage's template makes from the room now; `body` previews a draft before it is saved. */
  'updates.preview': {
    input: z.object({ releaseId, stage: updateStageSchema.optional(), body: templateBody.optional() }).strict(),
    mutates: false
  },
  'updates.webhook.set': { input: z.object({ releaseId, url: webhookUrl, actor: actorSchema }).strict(), mutates: true },
  'updates.webhook.remove': { input: z.object({ releaseId, actor: actorSchema }).strict(), mutates: true },
  /** Accepted sends are on the timeline at once; the HTTP POST goes out after the call commits. */
  'updates.send': { input: z.object({ releaseId, stage: updateStageSchema, actor: actorSchema }).strict(), mutates: true },
  /** Someone copied the message to send it by hand: recorded with the text they copied. */
  'updates.copied': {
    input: z.object({ releaseId, stage: updateStageSchema, text: text('text', 20_000), actor: actorSchema }).strict(),
    mutates: true
  }
} as const satisfies Record<string, MethodSpec>

export interface UpdatePreview {
  stage: UpdateStage
  text: string
  /** The stage the room's state points to, whichever was asked for. */
  suggested: StageSuggestion
}

export interface UpdateResults {
  'updates.templates.set': UpdateTemplateView
  'updates.templates.reset': UpdateTemplateView
  'updates.preview': UpdatePreview
  'updates.webhook.set': WebhookView
  'updates.webhook.remove': { removed: true }
  'updates.send': UpdateSendView
  'updates.copied': UpdateSendView
}
