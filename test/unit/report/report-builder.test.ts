import { describe, expect, it } from 'vitest'
import { buildReport, type ReportRecord } from '../../../src/main/report/report-builder'
import { reportMarkdown, cell, comparisonText } from '../../../src/main/report/report-markdown'
import { DEFAULT_ROLLOUT_TEMPLATE, DEFAULT_PLANS } from '../../../src/shared/rollout'
import { REPORT_SECTIONS } from '../../../src/shared/report'
import type { Room } from '../../../src/shared/room'

const T0 = Date.parse('2026-01-20T10:00:00Z')
const MIN = 60_000
const dana = { name: 'Dana Okafor', role: 'devops-lead' as const }
const sam = { name: 'Sam Lee', role: 'sre' as const }

/** The parts of a room the report reads, for a canary release rolled back after a critical incident. */
const room = {
  release: {
    id: 'rel-1',
    title: 'Payments 3.1',
    service: 'payments',
    version: '3.1.0',
    environment: 'production',
    strategy: 'canary',
    owner: 'Dana Okafor',
    status: 'rolled-back',
    windowStart: '2026-01-20T10:30:00Z',
    windowEnd: '2026-01-20T11:30:00Z',
    createdAt: '2026-01-20T10:00:00.000Z',
    createdBy: dana,
    updatedAt: '2026-01-20T11:00:00.000Z',
    templateId: 'canary',
    participants: [],
    successCriteria: [],
    endedReason: 'Card declines at 9 %'
  },
  checklist: [
    { id: 'i2', key: 'b', phase: 'staging', position: 1, title: 'Smoke tests', why: '', ownerRole: 'qa-lead', required: true, status: 'open', note: null, evidence: null, changedBy: null, changedAt: null },
    { id: 'i1', key: 'a', phase: 'pre-deployment', position: 1, title: 'Backups | verified', why: '', ownerRole: 'sre', required: true, status: 'done', note: 'line one\nline two', evidence: 'https://x/1', changedBy: sam, changedAt: '2026-01-20T10:05:00.000Z' }
  ],
  gates: [],
  votes: [
    {
      id: 'v1',
      gate: 'production',
      verdict: 'go',
      rationale: 'All green',
      actor: sam,
      at: '2026-01-20T10:20:00.000Z',
      supersedes: null,
      supersededBy: null,
      snapshot: { stage: 'staging', gate: 'production', satisfied: true, openItems: [], approvals: [{ role: 'sre', verdict: 'pending' }] }
    }
  ],
  timeline: { count: 3, headHash: 'f'.repeat(64) },
  rollout: {
    plan: DEFAULT_PLANS.canary,
    state: {
      strategy: 'canary',
      status: 'rolled-back',
      steps: [
        {
          id: 'canary-5', label: '5% of traffic', trafficPercent: 5, soakSeconds: 600, gate: 'health', state: 'failed',
          startedAt: T0 + 30 * MIN, soakStartedAt: T0 + 30 * MIN, soakEndsAt: T0 + 40 * MIN, finishedAt: T0 + 34 * MIN,
          verdict: { result: 'fail', by: 'signals', values: { 'Card declines': 9 }, at: T0 + 34 * MIN }, overridden: null, actionOutcome: null
        }
      ],
      startedAt: T0 + 30 * MIN, startedBy: dana, hold: null, endedAt: T0 + 36 * MIN, endedBy: dana, endedReason: 'Card declines at 9 %', rolledBackAt: T0 + 45 * MIN
    },
    editable: false,
    currentStepIndex: 0,
    template: DEFAULT_ROLLOUT_TEMPLATE,
    copied: true
  },
  incidents: [
    {
      id: 'inc-1', severity: 'critical', summary: 'Card declines', source: 'gate', stepId: 'canary-5', detectedAt: T0 + 34 * MIN, openedBy: null, announced: [],
      decidedAt: T0 + 36 * MIN, outcome: 'rollback-now', resolvedAt: T0 + 45 * MIN, deadline: T0 + 39 * MIN,
      answers: [{ nodeId: 'is-critical', answer: 'yes', actor: dana, rationale: 'Payments failing', at: T0 + 36 * MIN }],
      position: { kind: 'outcome', nodeId: 'rollback-now', outcome: 'rollback-now', text: 'Roll back immediately.' },
      resolvedBy: dana, resolution: 'Rolled back', data: {}
    }
  ],
  rollback: {
    reason: 'Card declines at 9 %', decidedAt: T0 + 36 * MIN, decidedBy: dana, targetMinutes: 15, finishedAt: T0 + 45 * MIN,
    steps: [{ id: 'revert', title: 'Revert', ownerRole: 'devops-lead', doneAt: T0 + 45 * MIN, doneBy: dana, note: null }]
  },
  figures: {
    deployment: { startedAt: T0 + 30 * MIN, endedAt: T0 + 36 * MIN, elapsedMs: 6 * MIN, targetMs: 30 * MIN, status: 'stopped' },
    rollback: { startedAt: T0 + 36 * MIN, endedAt: T0 + 45 * MIN, elapsedMs: 9 * MIN, targetMs: 15 * MIN, status: 'met' },
    decisions: []
  },
  signals: [
    {
      id: 's1', releaseId: 'rel-1', createdAt: '2026-01-20T10:00:00.000Z', breaching: false, status: { signalId: 's1', state: 'ok' },
      definition: { name: 'Card declines', source: { kind: 'probe', url: 'http://127.0.0.1:9/' }, unit: '%', intervalMs: 5000, timeoutMs: 2000, thresholds: { direction: 'above', warn: 2, critical: 5 }, breach: { kind: 'consecutive', count: 3 }, severity: 'critical' }
    }
  ],
  canary: [],
  demo: null,
  releaseNotes: { whatsNew: '', fixes: '', knownIssues: 'Declines under load', upgrade: '', updatedBy: null, updatedAt: null },
  outcomes: []
} as unknown as Room

const record: ReportRecord = {
  room,
  timeline: [
    { id: 1, releaseId: 'rel-1', seq: 1, at: '2026-01-20T10:30:00.000Z', kind: 'release.stage-changed', actor: dana, summary: '', data: { to: 'production' }, prevHash: '', hash: '' },
    { id: 2, releaseId: 'rel-1', seq: 2, at: '2026-01-20T10:34:00.000Z', kind: 'signal.breach', actor: null, summary: '', data: { signalId: 's1' }, prevHash: '', hash: '' },
    { id: 3, releaseId: 'rel-1', seq: 3, at: '2026-01-20T10:45:00.000Z', kind: 'release.rolled-back', actor: null, summary: '', data: {}, prevHash: '', hash: '' }
  ],
  chain: { ok: true, count: 3, headHash: 'f'.repeat(64) },
  series: [
    {
      signalId: 's1',
      stats: { count: 3, min: 0.5, max: 9, mean: 3.5, last: 1 },
      window: { count: 2, min: 1, max: 9, mean: 5, last: 1 },
      points: [{ t: T0 + 30 * MIN, v: 0.5 }, { t: T0 + 34 * MIN, v: 9 }, { t: T0 + 40 * MIN, v: 1 }]
    }
  ],
  settings: { targets: { 'rollback-time': 10 }, signals: {}, manual: {} },
  range: { from: T0, to: T0 + 60 * MIN },
  now: T0 + 60 * MIN
}

describe('buildReport', () => {
  const report = buildReport(record)

  it('summarises the release and its windows, planned and actual', () => {
    expect(report.summary).toMatchObject({ title: 'Payments 3.1', status: 'rolled-back', endedReason: 'Card declines at 9 %' })
    expect(report.window).toEqual({
      plannedStart: '2026-01-20T10:30:00Z',
      plannedEnd: '2026-01-20T11:30:00Z',
      actualStart: '2026-01-20T10:30:00.000Z',
      actualEnd: '2026-01-20T10:45:00.000Z',
      endedAs: 'rolled-back'
    })
  })

  it('orders the checklist by phase and keeps who, when, evidence and notes', () => {
    expect(report.checklist.map((i) => i.title)).toEqual(['Backups | verified', 'Smoke tests'])
    expect(report.checklist[0]).toMatchObject({ phaseLabel: 'Pre-deployment checks', by: sam, evidence: 'https://x/1' })
  })

  it('keeps each vote with its snapshot, the step verdicts, the incident’s path, the rollback and the breaches', () => {
    expect(report.votes[0]).toMatchObject({ verdict: 'go', superseded: false, snapshot: { satisfied: true, health: [] } })
    expect(report.rollout.steps[0]).toMatchObject({ state: 'failed', durationMs: 4 * MIN, verdict: { result: 'fail', by: 'signals', values: { 'Card declines': 9 } } })
    expect(report.rollout.rollback).toMatchObject({ finishedAt: '2026-01-20T10:45:00.000Z', steps: [{ title: 'Revert', doneBy: dana }] })
    expect(report.incidents[0]).toMatchObject({ step: '5% of traffic', outcome: 'rollback-now', path: [{ question: 'Is it critical?', answer: 'yes', rationale: 'Payments failing' }] })
    expect(report.health[0]).toMatchObject({ name: 'Card declines', max: 9, breaches: 1, warn: 2, critical: 5 })
    expect(report.health[0].chart).toContain('>Card declines (%)</text>')
  })

  it('fills the metrics table from the figures, the window readings and the edited targets', () => {
    const m = Object.fromEntries(report.metrics.map((r) => [r.key, [r.target, r.actual, r.status]]))
    expect(m).toEqual({
      'deployment-time': [30, null, 'not measured'],
      'rollback-time': [10, 9, 'met'],
      'error-rate': [0.1, null, 'not measured'],
      'p95-latency': [200, null, 'not measured'],
      availability: [99.9, null, 'not measured'],
      'critical-incidents': [0, 1, 'missed']
    })
  })

  it('reports the chain’s verdict, or where it broke', () => {
    expect(report.audit).toEqual({ ok: true, count: 3, headHash: 'f'.repeat(64), problem: null })
    const broken = buildReport({ ...record, chain: { ok: false, count: 2, firstBad: { seq: 2, id: 2, reason: 'entry #2 was changed after it was written' } } })
    expect(broken.audit).toMatchObject({ ok: false, problem: 'entry #2 was changed after it was written' })
  })
})

describe('reportMarkdown', () => {
  const md = reportMarkdown(buildReport(record))

  it('has every section in order and embeds each chart as an SVG data URL', () => {
    expect(md.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3))).toEqual([...REPORT_SECTIONS])
    const [, b64] = /!\[Card declines\]\(data:image\/svg\+xml;base64,([^)]+)\)/.exec(md)!
    expect(Buffer.from(b64, 'base64').toString('utf8')).toContain('>Card declines (%)</text>')
  })

  it('keeps table cells whole: pipes escaped, line breaks as <br>', () => {
    expect(md).toContain('| Backups \\| verified |')
    expect(md).toContain('Note: line one<br>line two')
    expect(cell('  ')).toBe('—')
  })

  it('writes targets the way the playbook does', () => {
    expect(comparisonText({ comparison: 'below', target: 30, unit: 'min' })).toBe('< 30 min')
    expect(comparisonText({ comparison: 'above', target: 99.9, unit: '%' })).toBe('> 99.9 %')
    expect(comparisonText({ comparison: 'at-most', target: 0, unit: '' })).toBe('0')
    expect(md).not.toContain('does not verify')
    expect(md).toContain('The timeline\'s hash chain verifies: 3 entries')
  })
})
