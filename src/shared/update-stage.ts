import type { Release } from './release'
import type { RolloutRoomPart } from './room-rollout'
import type { UpdateStage, UpdatesView } from './updates'

export type StageSource = { release: Release } & Pick<RolloutRoomPart, 'rollout' | 'incidents' | 'rollback'> & { updates: Pick<UpdatesView, 'sends'> }

export interface StageSuggestion {
  stage: UpdateStage
  /** Why this stage, in a phrase the panel shows beside the picker. */
  reason: string
}

const DAY = 24 * 3600_000

/** A stage counts as announced once it was delivered, is on its way, or someone copied it to send by hand. */
function announced(room: StageSource, stage: UpdateStage): boolean {
  return room.updates.sends.some((s) => s.stage === stage && s.status !== 'failed')
}

/**
 * Which message fits the room right now, so the panel preselects it: from the release's stage, the rollout's state
 * and the rollback. The room may always pick another; this only saves a click in the moment that matters.
 */
export function suggestStage(room: StageSource, now: number): StageSuggestion {
  const { release } = room
  const rollout = room.rollout.state
  if (release.status === 'rolled-back') return { stage: 'rollback', reason: 'the release was rolled back' }
  if (rollout.status === 'rolling-back' || (room.rollback && room.rollback.finishedAt === null)) {
    return { stage: 'rollback', reason: 'a rollback is under way' }
  }
  if (release.status === 'closed' || release.status === 'aborted') return { stage: 'release-closed', reason: `the release is ${release.status}` }
  if (release.status === 'validating') {
    return announced(room, 'production-complete')
      ? { stage: 'validation-complete', reason: 'production complete was announced; validation comes next' }
      : { stage: 'production-complete', reason: 'the release is live and being validated' }
  }
  if (release.status === 'production') {
    if (rollout.status === 'completed') return { stage: 'production-complete', reason: 'every rollout step is done' }
    if (rollout.status === 'running' || rollout.status === 'held') return { stage: 'production-started', reason: `the rollout is ${rollout.status}` }
    return { stage: 'production-imminent', reason: 'the release is cleared for production and the rollout has not started' }
  }
  const start = release.windowStart ? Date.parse(release.windowStart) : null
  if (start !== null && start - now <= DAY) return { stage: 'production-imminent', reason: 'the window opens within 24 hours' }
  if (release.status === 'staging') return { stage: 'staging-complete', reason: 'the release is in staging' }
  return { stage: 'scheduled', reason: `the release is ${release.status === 'ready' ? 'ready' : 'in planning'}` }
}
