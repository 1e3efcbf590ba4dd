import { z } from 'zod'
import { roleSchema, type Actor, type Role } from './roles'
import { strategySchema } from './release'
import { rolloutPlanSchema, rolloutTemplateSchema } from './rollout'
import { signalDefinitionSchema } from './signal'

/** The runbook's phases, in the order a window runs them (Phase 7 playbook, steps 1 to 8). */
export const PHASES = [
  'strategy',
  'pre-deployment',
  'staging',
  'production-before',
  'production-during',
  'production-after',
  'validation',
  'documentation',
  'closure'
] as const
export const phaseSchema = z.enum(PHASES, { error: `Phase must be one of: ${PHASES.join(', ')}` })
export type Phase = z.infer<typeof phaseSchema>

export const PHASE_LABELS: Record<Phase, string> = {
  strategy: 'Deployment strategy',
  'pre-deployment': 'Pre-deployment checks',
  staging: 'Staging',
  'production-before': 'Production: before',
  'production-during': 'Production: during',
  'production-after': 'Production: after',
  validation: 'Post-deployment validation',
  documentation: 'Release documentation',
  closure: 'Release closure'
}

/** Each gate is named for the stage it lets the release enter. */
export const GATE_IDS = ['ready', 'staging', 'production', 'validating', 'closed'] as const
export const gateIdSchema = z.enum(GATE_IDS, { error: `Gate must be one of: ${GATE_IDS.join(', ')}` })
export type GateId = z.infer<typeof gateIdSchema>

const key = z
  .string({ error: 'key is required' })
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'key must be lower-case letters, digits and dashes, like "backups-verified"')

export const templateItemSchema = z
  .object({
    key,
    phase: phaseSchema,
    title: z.string({ error: 'title is required' }).trim().min(1, 'title is required').max(200),
    why: z.string().trim().max(1000).default(''),
    ownerRole: roleSchema,
    required: z.boolean().default(true)
  })
  .strict()
export type TemplateItem = z.infer<typeof templateItemSchema>

export const templateGateSchema = z
  .object({
    id: gateIdSchema,
    title: z.string().trim().min(1).max(120),
    /** Items in these phases must be done, waived or not applicable before the gate opens. */
    phases: z.array(phaseSchema),
    /** Each of these roles must have a current "go" vote. */
    approvers: z.array(roleSchema)
  })
  .strict()
export type TemplateGate = z.infer<typeof templateGateSchema>

export const TEMPLATE_SCHEMA_ID = 'release-war-room/runbook@1'

export const runbookTemplateSchema = z
  .object({
    schema: z.literal(TEMPLATE_SCHEMA_ID, { error: `schema must be "${TEMPLATE_SCHEMA_ID}"` }),
    id: key,
    name: z.string().trim().min(1, 'name is required').max(120),
    strategy: strategySchema,
    description: z.string().max(2000).default(''),
    items: z.array(templateItemSchema).min(1, 'a runbook needs at least one checklist item'),
    gates: z.array(templateGateSchema),
    /** The rollout plan a release starts from; the strategy's default plan when absent. */
    plan: rolloutPlanSchema.optional(),
    /** The trigger table, decision tree, rollback procedure and targets; the playbook's when absent. */
    rollout: rolloutTemplateSchema.optional(),
    /** Signals a release created from the template starts watching. */
    signals: z.array(signalDefinitionSchema).max(50, 'a template holds at most 50 signals').optional()
  })
  .strict()
  .superRefine((t, ctx) => {
    const seen = new Set<string>()
    t.items.forEach((item, i) => {
      if (seen.has(item.key)) ctx.addIssue({ code: 'custom', path: ['items', i, 'key'], message: `key "${item.key}" is used twice` })
      seen.add(item.key)
    })
    if (t.plan && t.plan.strategy !== t.strategy) {
      ctx.addIssue({ code: 'custom', path: ['plan', 'strategy'], message: `the plan is for ${t.plan.strategy}, but the template is for ${t.strategy}` })
    }
    const names = new Set<string>()
    t.signals?.forEach((s, i) => {
      if (names.has(s.name)) ctx.addIssue({ code: 'custom', path: ['signals', i, 'name'], message: `signal name "${s.name}" is used twice` })
      names.add(s.name)
    })
    const ids = t.gates.map((g) => g.id)
    if (ids.join() !== GATE_IDS.join()) {
      ctx.addIssue({ code: 'custom', path: ['gates'], message: `gates must be exactly ${GATE_IDS.join(', ')}, in that order` })
    }
  })
export type RunbookTemplate = z.infer<typeof runbookTemplateSchema>

export interface TemplateSummary {
  id: string
  name: string
  strategy: RunbookTemplate['strategy']
  builtin: boolean
  itemCount: number
}

export const ITEM_STATUSES = ['open', 'done', 'blocked', 'waived', 'n/a'] as const
export const itemStatusSchema = z.enum(ITEM_STATUSES, { error: `Status must be one of: ${ITEM_STATUSES.join(', ')}` })
export type ItemStatus = z.infer<typeof itemStatusSchema>

export interface ChecklistItem {
  id: string
  key: string
  phase: Phase
  position: number
  title: string
  why: string
  ownerRole: Role
  required: boolean
  status: ItemStatus
  note: string | null
  evidence: string | null
  /** Who last set the status, and when; null while the item has never been touched. */
  changedBy: Actor | null
  changedAt: string | null
}

export const VERDICTS = ['go', 'no-go', 'abstain'] as const
export const verdictSchema = z.enum(VERDICTS, { error: 'Verdict must be go, no-go or abstain' })
export type Verdict = z.infer<typeof verdictSchema>

/** What a voter was looking at when they voted, kept with the vote. */
export interface VoteSnapshot {
  stage: string
  gate: GateId
  satisfied: boolean
  openItems: { title: string; ownerRole: Role; status: ItemStatus }[]
  approvals: { role: Role; verdict: ApprovalVerdict }[]
  /** The health panels as they stood: each signal's state and last value. Absent on votes from before signals. */
  health?: { name: string; state: string; value: number | null; unit: string }[]
}

export interface Vote {
  id: string
  gate: GateId
  verdict: Verdict
  rationale: string
  actor: Actor
  at: string
  /** The earlier vote by the same person on the same gate that this one replaces; both stay in the record. */
  supersedes: string | null
  supersededBy: string | null
  snapshot: VoteSnapshot
}

export type ApprovalVerdict = 'go' | 'no-go' | 'pending'

export interface Approval {
  role: Role
  verdict: ApprovalVerdict
  /** The current votes of the people holding this role, newest first. */
  votes: { name: string; verdict: Verdict; rationale: string; at: string }[]
}

export interface GateState {
  id: GateId
  title: string
  /** passed: the release has gone through it; next: the one advance would test; later: still ahead. */
  position: 'passed' | 'next' | 'later'
  satisfied: boolean
  items: { total: number; settled: number; open: { id: string; title: string; ownerRole: Role; status: ItemStatus }[] }
  approvals: Approval[]
  /** Each unmet criterion as a sentence, in the order a person would fix them. */
  blockers: string[]
}
