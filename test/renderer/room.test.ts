import { describe, expect, it } from 'vitest'
import type { TimelineEntry } from '../../src/shared/timeline'
import type { ChecklistItem } from '../../src/shared/runbook'
import { mergeTimeline } from '../../src/renderer/src/room/merge-timeline'
import { formatDuration, windowCountdown } from '../../src/renderer/src/room/window-countdown'
import { groupByPhase, toggledStatus } from '../../src/renderer/src/room/checklist-rows'

const entry = (id: number, seq: number): TimelineEntry => ({
  id,
  seq,
  releaseId: 'r',
  at: '',
  kind: 'note',
  actor: null,
  summary: `#${seq}`,
  data: {},
  prevHash: '',
  hash: ''
})

describe('timeline merge', () => {
  it('keeps newest first and never shows an entry twice when the stream and a refetch both bring it', () => {
    const merged = mergeTimeline([entry(2, 2), entry(1, 1)], [entry(3, 3), entry(2, 2)])
    expect(merged.map((e) => e.seq)).toEqual([3, 2, 1])
  })
})

describe('window countdown', () => {
  const start = '2026-01-20T14:00:00Z'
  const end = '2026-01-20T16:00:00Z'
  const at = (iso: string) => Date.parse(iso)
  it('counts down to the window, then to its close, then says how long ago it closed', () => {
    expect(windowCountdown(at('2026-01-20T13:47:30Z'), start, end)).toEqual({ phase: 'before', text: 'Window opens in 12:30' })
    expect(windowCountdown(at('2026-01-20T14:54:51Z'), start, end)).toEqual({ phase: 'open', text: 'Window open, closes in 1:05:09' })
    expect(windowCountdown(at('2026-01-20T16:03:00Z'), start, end)).toEqual({ phase: 'after', text: 'Window closed 3:00 ago' })
    expect(windowCountdown(0, null, null).phase).toBe('unplanned')
  })
  it('switches to days for a window far away', () => {
    expect(formatDuration(3 * 86_400_000 + 5 * 3_600_000)).toBe('3 d 5 h')
  })
})

describe('checklist rows', () => {
  const item = (key: string, phase: ChecklistItem['phase'], status: ChecklistItem['status'], required = true): ChecklistItem => ({
    id: key,
    key,
    phase,
    position: 1,
    title: key,
    why: '',
    ownerRole: key.startsWith('s') ? 'sre' : 'qa-lead',
    required,
    status,
    note: null,
    evidence: null,
    changedBy: null,
    changedAt: null
  })
  it('groups by phase in runbook order and counts settled required items', () => {
    const groups = groupByPhase([item('q1', 'staging', 'done'), item('s1', 'pre-deployment', 'waived'), item('s2', 'pre-deployment', 'open'), item('q2', 'staging', 'open', false)])
    expect(groups.map((g) => [g.phase, g.settled, g.required])).toEqual([
      ['pre-deployment', 1, 2],
      ['staging', 1, 1]
    ])
    expect(groupByPhase([item('q1', 'staging', 'done'), item('s1', 'staging', 'open')], 'sre').map((g) => g.items.map((i) => i.key))).toEqual([['s1']])
  })
  it('toggles open and done, and sends anything else back to open rather than undoing a waiver into done', () => {
    expect(['open', 'done', 'waived', 'blocked'].map((s) => toggledStatus(s as ChecklistItem['status']))).toEqual(['done', 'open', 'open', 'open'])
  })
})

import { moveWithinPhase } from '../../src/renderer/src/room/checklist-rows'

describe('moving an item while planning', () => {
  const it3 = (id: string, phase: ChecklistItem['phase'], position: number) =>
    ({ id, key: id, phase, position, title: id, why: '', ownerRole: 'sre', required: true, status: 'open', note: null, evidence: null, changedBy: null, changedAt: null }) as ChecklistItem
  const items = [it3('a', 'strategy', 1), it3('b', 'pre-deployment', 2), it3('c', 'pre-deployment', 3), it3('d', 'staging', 4)]
  it('swaps with its neighbour in the same phase and keeps every other item in place', () => {
    expect(moveWithinPhase(items, 'c', -1)).toEqual(['a', 'c', 'b', 'd'])
    expect(moveWithinPhase(items, 'b', 1)).toEqual(['a', 'c', 'b', 'd'])
  })
  it('does not cross into another phase', () => {
    expect(moveWithinPhase(items, 'b', -1)).toBeUndefined()
    expect(moveWithinPhase(items, 'c', 1)).toBeUndefined()
  })
})

import { timelineMatches } from '../../src/renderer/src/room/timeline-filter'

describe('timeline filter', () => {
  const vote = { ...entry(5, 5), kind: 'decision.vote' as const, actor: { name: 'Kim Ito', role: 'sre' as const }, summary: 'SRE voted no-go on "Go for deployment": p95 doubled' }
  it('matches every word against summary, person and role, and filters by kind label', () => {
    expect(timelineMatches(vote, 'kim p95', '')).toBe(true)
    expect(timelineMatches(vote, 'sre no-go', 'vote')).toBe(true)
    expect(timelineMatches(vote, 'kim', 'note')).toBe(false)
    expect(timelineMatches(vote, 'dana', '')).toBe(false)
  })
})

import { kindLabel } from '../../src/renderer/src/room/timeline-filter'

describe('timeline kind labels', () => {
  it('groups each kind under its family, with a few named on their own', () => {
    expect(['rollout.soak-ended', 'incident.decided', 'release.rolled-back', 'decision.vote', 'release.stage-changed', 'note'].map(kindLabel)).toEqual([
      'rollout',
      'incident',
      'rollback',
      'vote',
      'stage',
      'note'
    ])
  })
})
