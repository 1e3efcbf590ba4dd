import { z } from 'zod'
import type { Actor } from './roles'

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
}
