import { z } from 'zod'
import { roleSchema, type Actor } from './roles'

export const STRATEGIES = ['canary', 'blue-green', 'rolling', 'big-bang'] as const
export const strategySchema = z.enum(STRATEGIES, { error: `Strategy must be one of: ${STRATEGIES.join(', ')}` })
export type Strategy = z.infer<typeof strategySchema>

export const STRATEGY_LABELS: Record<Strategy, string> = {
  canary: 'Canary',
  'blue-green': 'Blue-green',
  rolling: 'Rolling',
  'big-bang': 'Big bang'
}

/** planning → ready → staging → production → validating → closed, or off the happy path. */
export const RELEASE_STATUSES = [
  'planning',
  'ready',
  'staging',
  'production',
  'validating',
  'closed',
  'rolled-back',
  'aborted'
] as const
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number]

/** The happy path; each stage after planning is entered through the gate of the same name. */
export const STAGE_ORDER: readonly ReleaseStatus[] = ['planning', 'ready', 'staging', 'production', 'validating', 'closed']

export const participantSchema = z
  .object({ name: z.string().trim().min(1, 'participant name is required').max(80), role: roleSchema })
  .strict()

/** An outcome to measure after the release: what "worked" means, decided before it ships. */
export const successCriterionSchema = z
  .object({
    description: z.string().trim().min(1, 'describe the criterion').max(300),
    target: z.string().trim().max(120).optional()
  })
  .strict()
export type SuccessCriterion = z.infer<typeof successCriterionSchema>

export interface Release {
  id: string
  title: string
  service: string
  version: string
  environment: string
  strategy: Strategy
  /** One accountable person, not a team. */
  owner: string
  status: ReleaseStatus
  windowStart: string | null
  windowEnd: string | null
  createdAt: string
  createdBy: Actor
  updatedAt: string
  /** The runbook template the checklist and gates were copied from at creation. */
  templateId: string
  participants: Actor[]
  successCriteria: SuccessCriterion[]
  /** Why a release ended off the happy path (aborted, rolled back); null otherwise. */
  endedReason: string | null
  /** When the release's change was committed, if the team gave it: lead time for changes runs from here. */
  commitAt?: string | null
}

export const TERMINAL_STATUSES: readonly ReleaseStatus[] = ['closed', 'rolled-back', 'aborted']
