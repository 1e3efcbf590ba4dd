import type { DoraBand } from '../../shared/dora'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/**
 * Band limits after the DORA State of DevOps clusters: elite teams deploy on demand (daily or more) and restore in
 * under an hour; the top quartile keeps change failures below 15% (seed: DORA/SRE improvement guide). Each list is
 * [elite, high, medium] upper (or lower) bounds; anything beyond is low.
 */
export const DORA_BANDS = {
  /** Deployments per day, at least. */
  deploymentFrequency: { elite: 1, high: 1 / 7, medium: 1 / 30 },
  /** Milliseconds from commit to production, at most. */
  leadTime: { elite: DAY, high: 7 * DAY, medium: 30 * DAY },
  /** Share of deployments needing remediation, at most. */
  changeFailureRate: { elite: 0.05, high: 0.1, medium: 0.15 },
  /** Milliseconds from detection to restore, at most. */
  timeToRestore: { elite: HOUR, high: DAY, medium: 7 * DAY }
} as const

export function bandAtLeast(value: number, limits: { elite: number; high: number; medium: number }): DoraBand {
  return value >= limits.elite ? 'elite' : value >= limits.high ? 'high' : value >= limits.medium ? 'medium' : 'low'
}

export function bandAtMost(value: number, limits: { elite: number; high: number; medium: number }): DoraBand {
  return value <= limits.elite ? 'elite' : value <= limits.high ? 'high' : value <= limits.medium ? 'medium' : 'low'
}
