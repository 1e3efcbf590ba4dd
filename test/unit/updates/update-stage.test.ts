import { describe, expect, it } from 'vitest'
import type { Room } from '../../../src/shared/room'
import type { UpdateSendView } from '../../../src/shared/updates'
import { suggestStage, type StageSource } from '../../../src/shared/update-stage'

const NOW = Date.parse('2026-01-20T10:00:00Z')
const HOUR = 3600_000

function source(over: {
  status?: Room['release']['status']
  windowStart?: string | null
  rollout?: Room['rollout']['state']['status']
  rollback?: { finishedAt: number | null }
  sends?: Partial<UpdateSendView>[]
}): StageSource {
  return {
    release: { status: over.status ?? 'planning', windowStart: over.windowStart ?? null } as Room['release'],
    rollout: { state: { status: over.rollout ?? 'not-started' } } as Room['rollout'],
    incidents: [],
    rollback: over.rollback ? ({ finishedAt: over.rollback.finishedAt } as Room['rollback']) : null,
    updates: { sends: (over.sends ?? []) as UpdateSendView[] }
  }
}

const at = (ms: number) => new Date(ms).toISOString()

describe('the stage the panel preselects', () => {
  it('follows the release before production: scheduled, then imminent within 24 hours of the window', () => {
    expect(suggestStage(source({ windowStart: at(NOW + 14 * 24 * HOUR) }), NOW).stage).toBe('scheduled')
    expect(suggestStage(source({ status: 'staging', windowStart: at(NOW + 5 * 24 * HOUR) }), NOW).stage).toBe('staging-complete')
    expect(suggestStage(source({ status: 'staging', windowStart: at(NOW + 20 * HOUR) }), NOW)).toEqual({ stage: 'production-imminent', reason: 'the window opens within 24 hours' })
  })

  it('follows the rollout in production', () => {
    expect(suggestStage(source({ status: 'production' }), NOW).stage).toBe('production-imminent')
    expect(suggestStage(source({ status: 'production', rollout: 'running' }), NOW).stage).toBe('production-started')
    expect(suggestStage(source({ status: 'production', rollout: 'held' }), NOW).stage).toBe('production-started')
    expect(suggestStage(source({ status: 'production', rollout: 'completed' }), NOW).stage).toBe('production-complete')
  })

  it('moves on to validation complete once production complete has gone out (a failed send does not count)', () => {
    const validating = { status: 'validating' as const, rollout: 'completed' as const }
    expect(suggestStage(source({ ...validating, sends: [{ stage: 'production-complete', status: 'failed' }] }), NOW).stage).toBe('production-complete')
    expect(suggestStage(source({ ...validating, sends: [{ stage: 'production-complete', status: 'copied' }] }), NOW).stage).toBe('validation-complete')
  })

  it('puts a rollback first, whatever stage the release is in, and closed releases last', () => {
    expect(suggestStage(source({ status: 'production', rollout: 'rolling-back' }), NOW).stage).toBe('rollback')
    expect(suggestStage(source({ status: 'production', rollout: 'held', rollback: { finishedAt: null } }), NOW).stage).toBe('rollback')
    expect(suggestStage(source({ status: 'rolled-back', rollout: 'rolled-back', rollback: { finishedAt: NOW } }), NOW).stage).toBe('rollback')
    expect(suggestStage(source({ status: 'closed', rollout: 'completed' }), NOW).stage).toBe('release-closed')
  })
})
