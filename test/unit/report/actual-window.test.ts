import { describe, expect, it } from 'vitest'
import { actualWindow } from '../../../src/main/report/actual-window'
import type { TimelineEntry } from '../../../src/shared/timeline'
import type { RolloutState } from '../../../src/shared/rollout'

let seq = 0
const entry = (at: string, kind: TimelineEntry['kind'], data: Record<string, unknown> = {}): TimelineEntry => ({
  id: ++seq,
  releaseId: 'r',
  seq,
  at,
  kind,
  actor: null,
  summary: '',
  data,
  prevHash: '',
  hash: ''
})
const rollout = (over: Partial<RolloutState> = {}): RolloutState => ({
  strategy: 'canary',
  status: 'not-started',
  steps: [],
  startedAt: null,
  startedBy: null,
  hold: null,
  endedAt: null,
  endedBy: null,
  endedReason: null,
  rolledBackAt: null,
  ...over
})

describe('actualWindow', () => {
  it('runs from entering production to leaving it, as the timeline recorded', () => {
    const timeline = [
      entry('2026-01-20T10:00:00Z', 'release.stage-changed', { to: 'staging' }),
      entry('2026-01-20T11:00:00Z', 'release.stage-changed', { to: 'production' }),
      entry('2026-01-20T11:05:00Z', 'note'),
      entry('2026-01-20T11:40:00Z', 'release.stage-changed', { to: 'validating' }),
      entry('2026-01-20T12:00:00Z', 'release.stage-changed', { to: 'closed' })
    ]
    expect(actualWindow(timeline, rollout())).toEqual({ start: '2026-01-20T11:00:00Z', end: '2026-01-20T11:40:00Z', endedAs: 'validating' })
  })

  it('ends at a rollback or an abort, and stays open while in production', () => {
    const start = entry('2026-01-20T11:00:00Z', 'release.stage-changed', { to: 'production' })
    expect(actualWindow([start, entry('2026-01-20T11:09:00Z', 'release.rolled-back', { from: 'production' })], rollout())).toMatchObject({ end: '2026-01-20T11:09:00Z', endedAs: 'rolled-back' })
    expect(actualWindow([start, entry('2026-01-20T11:03:00Z', 'release.aborted', { from: 'production' })], rollout())).toMatchObject({ endedAs: 'aborted' })
    expect(actualWindow([start], rollout())).toEqual({ start: '2026-01-20T11:00:00Z', end: null, endedAs: null })
  })

  it('falls back to the rollout’s own times when the timeline lacks the moves', () => {
    const t = Date.parse('2026-01-20T11:00:00Z')
    expect(actualWindow([], rollout({ status: 'completed', startedAt: t, endedAt: t + 600_000 }))).toEqual({
      start: '2026-01-20T11:00:00.000Z',
      end: '2026-01-20T11:10:00.000Z',
      endedAs: 'completed'
    })
    expect(actualWindow([], rollout())).toEqual({ start: null, end: null, endedAs: null })
  })
})
