import { describe, expect, it } from 'vitest'
import type { Announcement, Severity } from '../../../src/shared/rollout'
import { DEFAULT_TRIGGERS } from '../../../src/shared/rollout'
import {
  announcementDue,
  announcementText,
  countdown,
  incidentDeadline,
  responseMinutes,
  warnWithinMs,
  type IncidentClock
} from '../../../src/main/rollout/incident-deadline'
import { MINUTE, SECOND, T0 } from './helpers'

function incident(severity: Severity, announced: Announcement[] = [], resolvedAt: number | null = null): IncidentClock {
  return { severity, detectedAt: T0, announced, resolvedAt }
}

/** Runs the announcement rule the way the host's timer would: check, record what was announced, repeat. */
function announcementsOver(inc: IncidentClock, times: number[]): [number, Announcement][] {
  const made: [number, Announcement][] = []
  let current = inc
  for (const t of times) {
    const due = announcementDue(current, t)
    if (due) {
      made.push([t, due])
      current = { ...current, announced: [...current.announced, due] }
    }
  }
  return made
}

describe('incident deadlines', () => {
  it('come from the trigger table: critical 5 min, high 60, medium 240, low none', () => {
    expect(responseMinutes('critical')).toBe(5)
    expect(responseMinutes('high')).toBe(60)
    expect(responseMinutes('medium')).toBe(240)
    expect(responseMinutes('low')).toBeNull()
    expect(incidentDeadline(incident('high'))).toBe(T0 + 60 * MINUTE)
    expect(incidentDeadline(incident('low'))).toBeNull()
  })

  it('follow a team’s edited table', () => {
    const triggers = DEFAULT_TRIGGERS.map((t) => (t.severity === 'high' ? { ...t, responseMinutes: 30 } : t))
    expect(incidentDeadline(incident('high'), triggers)).toBe(T0 + 30 * MINUTE)
  })

  it('count down, and go negative once overdue', () => {
    expect(countdown(incident('critical'), T0 + 2 * MINUTE)).toEqual({ deadline: T0 + 5 * MINUTE, msLeft: 3 * MINUTE, overdue: false })
    expect(countdown(incident('critical'), T0 + 6 * MINUTE)).toEqual({ deadline: T0 + 5 * MINUTE, msLeft: -MINUTE, overdue: true })
    expect(countdown(incident('low'), T0 + 6 * MINUTE)).toEqual({ deadline: null, msLeft: null, overdue: false })
  })
})

describe('deadline announcements', () => {
  it('warn within 20% of the response time or 2 minutes, whichever is smaller', () => {
    expect(warnWithinMs(5 * MINUTE)).toBe(MINUTE)
    expect(warnWithinMs(60 * MINUTE)).toBe(2 * MINUTE)
    expect(warnWithinMs(5 * SECOND)).toBe(SECOND)
  })

  it('announce once when the deadline nears and once when it passes, however often they are checked', () => {
    const everyTenSeconds = Array.from({ length: 60 }, (_, i) => T0 + i * 10 * SECOND)
    expect(announcementsOver(incident('critical'), everyTenSeconds)).toEqual([
      [T0 + 4 * MINUTE, 'nearing'],
      [T0 + 5 * MINUTE, 'passed']
    ])
    const everyMinute = Array.from({ length: 70 }, (_, i) => T0 + i * MINUTE)
    expect(announcementsOver(incident('high'), everyMinute)).toEqual([
      [T0 + 58 * MINUTE, 'nearing'],
      [T0 + 60 * MINUTE, 'passed']
    ])
  })

  it('repeat nothing after a restart, because what was announced is persisted', () => {
    expect(announcementDue(incident('critical', ['nearing']), T0 + 4 * MINUTE + 30 * SECOND)).toBeNull()
    expect(announcementDue(incident('critical', ['nearing', 'passed']), T0 + 10 * MINUTE)).toBeNull()
  })

  it('skip the stale warning when the first check comes after the deadline', () => {
    expect(announcementsOver(incident('critical'), [T0 + 20 * MINUTE, T0 + 21 * MINUTE])).toEqual([[T0 + 20 * MINUTE, 'passed']])
  })

  it('stay silent before the warning, for a resolved incident, and for a severity with no deadline', () => {
    expect(announcementDue(incident('critical'), T0 + 3 * MINUTE)).toBeNull()
    expect(announcementDue(incident('critical', [], T0 + MINUTE), T0 + 10 * MINUTE)).toBeNull()
    expect(announcementDue(incident('low'), T0 + 1000 * MINUTE)).toBeNull()
  })

  it('say what is due in a sentence', () => {
    const inc = { severity: 'critical' as const, summary: 'Checkout errors', detectedAt: T0 }
    expect(announcementText(inc, 'nearing', T0 + 4 * MINUTE)).toBe('The response deadline of the critical incident "Checkout errors" is in 1m.')
    expect(announcementText(inc, 'passed', T0 + 5 * MINUTE)).toBe('The response deadline of the critical incident "Checkout errors" has passed.')
    expect(announcementText(inc, 'passed', T0 + 7 * MINUTE)).toBe(
      'The response deadline of the critical incident "Checkout errors" has passed (2m ago).'
    )
    expect(announcementText({ ...inc, severity: 'low' }, 'passed', T0)).toBe('The low incident "Checkout errors" has no response deadline.')
  })
})
