import { z } from 'zod'
import { actorSchema, roleSchema } from './roles'
import { participantSchema, strategySchema, successCriterionSchema, type Release } from './release'
import { gateIdSchema, itemStatusSchema, phaseSchema, type ChecklistItem, type RunbookTemplate, type TemplateSummary, type Vote, verdictSchema } from './runbook'
import type { ExportedFile, Room } from './room'
import type { ChainVerdict, TimelineEntry } from './timeline'
import { id, isoTime, optionalText, releaseId, text, type MethodSpec } from './api-fields'

export const createReleaseInput = z
  .object({
    title: text('Title', 200),
    service: text('Service', 100),
    version: text('Version', 64),
    strategy: strategySchema,
    owner: text('Owner (one accountable person)', 80),
    environment: text('Environment', 40).optional(),
    windowStart: isoTime.optional(),
    windowEnd: isoTime.optional(),
    /** A template id; the strategy's built-in runbook when omitted. */
    templateId: id('templateId').optional(),
    participants: z.array(participantSchema).max(100).optional(),
    successCriteria: z.array(successCriterionSchema).max(50).optional(),
    /** When the change was committed, for lead time in the delivery history. */
    commitAt: isoTime.optional(),
    actor: actorSchema
  })
  .strict()
  .refine((r) => !r.windowStart || !r.windowEnd || Date.parse(r.windowStart) < Date.parse(r.windowEnd), {
    message: 'The window must end after it starts',
    path: ['windowEnd']
  })

const newItem = z
  .object({
    phase: phaseSchema,
    title: text('Title', 200),
    why: optionalText('Why', 1000),
    ownerRole: roleSchema,
    required: z.boolean().default(true)
  })
  .strict()

const exportFormat = z.enum(['json', 'yaml'], { error: 'format must be json or yaml' })

/** Releases, the runbook (checklist, gates, votes), the timeline and templates. */
export const runbookApi = {
  'releases.create': { input: createReleaseInput, mutates: true },
  'releases.list': { input: z.object({}).strict(), mutates: false },
  'releases.get': { input: z.object({ releaseId }).strict(), mutates: false },
  'releases.advance': { input: z.object({ releaseId, actor: actorSchema }).strict(), mutates: true },
  'releases.abort': { input: z.object({ releaseId, reason: text('Reason', 1000), actor: actorSchema }).strict(), mutates: true },

  'checklist.set': {
    input: z
      .object({
        releaseId,
        itemId: id('itemId'),
        status: itemStatusSchema,
        note: optionalText('Note', 2000),
        evidence: optionalText('Evidence', 2000),
        actor: actorSchema
      })
      .strict(),
    mutates: true
  },
  'checklist.add': { input: z.object({ releaseId, item: newItem, actor: actorSchema }).strict(), mutates: true },
  'checklist.edit': {
    input: z
      .object({
        releaseId,
        itemId: id('itemId'),
        changes: newItem.partial().refine((c) => Object.keys(c).length > 0, 'Name at least one field to change'),
        actor: actorSchema
      })
      .strict(),
    mutates: true
  },
  'checklist.reorder': {
    input: z.object({ releaseId, itemIds: z.array(id('itemId')).min(1).max(2000), actor: actorSchema }).strict(),
    mutates: true
  },
  'checklist.import': {
    input: z
      .object({ releaseId, markdown: text('Markdown', 200_000), defaultPhase: phaseSchema.optional(), actor: actorSchema })
      .strict(),
    mutates: true
  },

  'decisions.vote': {
    input: z
      .object({ releaseId, gate: gateIdSchema, verdict: verdictSchema, rationale: text('Rationale', 2000), actor: actorSchema })
      .strict(),
    mutates: true
  },

  'notes.add': { input: z.object({ releaseId, text: text('Note', 4000), actor: actorSchema }).strict(), mutates: true },
  'timeline.list': {
    input: z
      .object({
        releaseId,
        kinds: z.array(z.string().max(64)).max(50).optional(),
        role: roleSchema.optional(),
        actor: z.string().max(80).optional(),
        text: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(5000).default(500),
        beforeSeq: z.number().int().min(1).optional()
      })
      .strict(),
    mutates: false
  },
  'timeline.verify': { input: z.object({ releaseId }).strict(), mutates: false },
  'timeline.export': {
    input: z.object({ releaseId, format: z.enum(['csv', 'json'], { error: 'format must be csv or json' }) }).strict(),
    mutates: false
  },

  'templates.list': { input: z.object({}).strict(), mutates: false },
  'templates.get': { input: z.object({ templateId: id('templateId') }).strict(), mutates: false },
  'templates.import': {
    input: z
      .object({
        format: z.enum(['json', 'yaml', 'markdown'], { error: 'format must be json, yaml or markdown' }),
        content: text('Content', 1_000_000),
        /** For a Markdown checklist, which has no name or strategy of its own. */
        name: optionalText('Name', 120),
        strategy: strategySchema.optional(),
        actor: actorSchema
      })
      .strict(),
    mutates: true
  },
  'templates.export': { input: z.object({ templateId: id('templateId'), format: exportFormat }).strict(), mutates: false },
  /** Saves a release's runbook as it stands (checklist, gates, plan, decision tree, signals) as a new template. */
  'templates.fromRelease': { input: z.object({ releaseId, name: text('Name', 120), actor: actorSchema }).strict(), mutates: true }
} as const satisfies Record<string, MethodSpec>

export interface RunbookResults {
  'releases.create': Release
  'releases.list': Release[]
  'releases.get': Room
  'releases.advance': Room
  'releases.abort': Room
  'checklist.set': ChecklistItem
  'checklist.add': ChecklistItem
  'checklist.edit': ChecklistItem
  'checklist.reorder': ChecklistItem[]
  'checklist.import': ChecklistItem[]
  'decisions.vote': Vote
  'notes.add': TimelineEntry
  'timeline.list': TimelineEntry[]
  'timeline.verify': ChainVerdict
  'timeline.export': ExportedFile
  'templates.list': TemplateSummary[]
  'templates.get': RunbookTemplate
  'templates.import': TemplateSummary
  'templates.export': ExportedFile
  'templates.fromRelease': TemplateSummary
}

