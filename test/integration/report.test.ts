import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Release } from '../../src/shared/release'
import type { Room } from '../../src/shared/room'
import type { ExportedFile } from '../../src/shared/room'
import type { LiveReport, ImportedReport, ImportedReportSummary } from '../../src/shared/api-report'
import type { IncidentView } from '../../src/shared/room-rollout'
import type { SignalView } from '../../src/shared/room-signals'
import type { SignalDefinitionInput } from '../../src/shared/signal'
import { REPORT_SECTIONS } from '../../src/shared/report'
import { countRows, testRoom } from '../support/room'
import { releaseInput } from '../support/fixtures'
import { advanceTo, call, people } from '../support/advance'

const MINUTE = 60_000
const dana = people['devops-lead']
const sam = people.sre

let t: ReturnType<typeof testRoom>
beforeEach(() => {
  t = testRoom()
})
afterEach(() => t.dispose())

const signal = (name: string, unit: string, direction: 'above' | 'below', warn: number, critical: number, extra: Partial<SignalDefinitionInput> = {}): SignalDefinitionInput => ({
  name,
  source: { kind: 'json', url: 'http://127.0.0.1:9/health', path: 'value' },
  unit,
  thresholds: { direction, warn, critical },
  severity: 'high',
  ...extra
})

/** Writes one reading a minute for `minutes` minutes from `from`, as the poller would have. */
function readings(room: typeof t.room, signalId: string, from: number, minutes: number, value: (i: number) => number): void {
  const sid = room.stores.signals.get(signalId)!.sid
  for (let i = 0; i <= minutes; i++) room.stores.samples.insert(sid, from + i * MINUTE, value(i))
  // A polled signal's row holds its last reading; samples written straight to the store need it put there.
  room.stores.signals.keepLastValue(sid, Number.MAX_SAFE_INTEGER)
}

/**
 * A canary release recorded from planning to validating on a fixed clock: checklist with evidence, a changed vote,
 * two rollout steps with hand-judged gates, an incident walked to "fix in place", three signals' readings, notes.
 */
function recordRelease(room: typeof t.room, clock: typeof t.clock): string {
  const releaseId = call<Release>(room, 'releases.create', releaseInput({ successCriteria: [{ description: 'Saved-cart conversion holds', target: '≥ 3.1%' }] })).id
  call(room, 'rollout.plan.set', {
    releaseId,
    plan: {
      strategy: 'canary',
      steps: [
        { id: 'canary-10', label: '10% of traffic', trafficPercent: 10, soakSeconds: null, gate: 'manual' },
        { id: 'canary-100', label: '100% of traffic', trafficPercent: 100, soakSeconds: null, gate: 'manual' }
      ]
    },
    actor: dana
  })
  const errors = call<SignalView>(room, 'signals.add', { releaseId, signal: signal('Canary error rate', '%', 'above', 0.5, 2, { role: 'canary' }), actor: sam }).id
  const p95 = call<SignalView>(room, 'signals.add', { releaseId, signal: signal('p95 latency', 'ms', 'above', 250, 400), actor: sam }).id
  const up = call<SignalView>(room, 'signals.add', { releaseId, signal: signal('Availability', '%', 'below', 99.9, 99), actor: sam }).id

  clock.advance(5 * MINUTE)
  const backups = call<Room>(room, 'releases.get', { releaseId }).checklist.find((i) => i.title.startsWith('Backups verified'))!
  call(room, 'checklist.set', { releaseId, itemId: backups.id, status: 'done', evidence: 'https://backups.example.com/restore-test/4411', note: 'Restore took 6 | 7 min', actor: sam })
  clock.advance(5 * MINUTE)
  advanceTo(room, releaseId, 'staging')
  clock.advance(30 * MINUTE)
  // The SRE says no-go on production first, then changes their mind: both votes stay in the record.
  call(room, 'decisions.vote', { releaseId, gate: 'production', verdict: 'no-go', rationale: 'Staging p95 is 260 ms; want it under 250', actor: sam })
  clock.advance(10 * MINUTE)
  call(room, 'decisions.vote', { releaseId, gate: 'production', verdict: 'go', rationale: 'Cache warmed: staging p95 now 180 ms', actor: sam })
  advanceTo(room, releaseId, 'production')
  const production = clock.now()

  call(room, 'rollout.start', { releaseId, actor: dana })
  clock.advance(12 * MINUTE)
  const incident = call<IncidentView>(room, 'incidents.open', { releaseId, severity: 'medium', summary: 'Coupon totals off by a cent for some carts', actor: sam })
  clock.advance(2 * MINUTE)
  call(room, 'incidents.answer', { releaseId, incidentId: incident.id, nodeId: 'is-critical', answer: 'no', rationale: 'Rounding only, no data loss', actor: dana })
  clock.advance(MINUTE)
  call(room, 'incidents.answer', { releaseId, incidentId: incident.id, nodeId: 'fix-quickly', answer: 'yes', rationale: 'One-line fix in the coupon service', actor: dana })
  clock.advance(5 * MINUTE)
  call(room, 'incidents.resolve', { releaseId, incidentId: incident.id, resolution: 'Coupon service 1.4.2 deployed', actor: dana })
  call(room, 'rollout.gate', { releaseId, stepId: 'canary-10', result: 'pass', rationale: 'Errors flat at 0.05 %', actor: sam })
  call(room, 'rollout.advance', { releaseId, actor: dana })
  clock.advance(8 * MINUTE)
  call(room, 'rollout.gate', { releaseId, stepId: 'canary-100', result: 'pass', rationale: 'All signals green for 8 minutes', actor: sam })
  call(room, 'rollout.advance', { releaseId, actor: dana })

  readings(room, errors, production - 30 * MINUTE, 58, (i) => (i === 40 ? 0.9 : 0.04 + (i % 3) * 0.01))
  readings(room, p95, production - 30 * MINUTE, 58, (i) => 150 + (i % 5) * 10)
  readings(room, up, production - 30 * MINUTE, 58, (i) => (i === 40 ? 99.5 : 100))

  call(room, 'releases.notes.set', {
    releaseId,
    notes: { whatsNew: '- Saved carts survive a logout', fixes: '- Coupon rounding', knownIssues: '', upgrade: 'No action required.' },
    actor: people['product-owner']
  })
  call(room, 'reports.targets.set', { releaseId, targets: { 'error-rate': 0.5 }, actor: sam })
  clock.advance(MINUTE)
  advanceTo(room, releaseId, 'validating')
  clock.advance(2 * MINUTE)
  return releaseId
}

/** The Markdown with what a fresh database makes different each run (random ids, and the hashes over them) named. */
function stable(markdown: string, releaseId: string, headHash: string): string {
  return markdown.replaceAll(releaseId, '<release-id>').replaceAll(headHash, '<head-hash>')
}

describe('the release report', () => {
  it('holds every section of a recorded release, and its Markdown matches the reviewed snapshot', async () => {
    const releaseId = recordRelease(t.room, t.clock)
    const { report, settings } = call<LiveReport>(t.room, 'reports.get', { releaseId })

    expect(report.summary).toMatchObject({ title: 'Checkout 2.6: saved carts', service: 'checkout', version: '2.6.0', strategy: 'canary', owner: 'Dana Okafor', status: 'validating' })
    expect(report.window).toMatchObject({ plannedStart: '2026-01-20T14:00:00.000Z', actualStart: '2026-01-20T10:50:00.000Z', actualEnd: '2026-01-20T11:19:00.000Z', endedAs: 'validating' })
    expect(report.checklist.find((i) => i.evidence)).toMatchObject({ by: sam, evidence: 'https://backups.example.com/restore-test/4411', at: '2026-01-20T10:05:00.000Z' })
    const sre = report.votes.filter((v) => v.gate === 'production' && v.by.name === sam.name)
    expect(sre.map((v) => [v.verdict, v.superseded])).toEqual([['no-go', true], ['go', true], ['go', false]])
    expect(sre[0].snapshot.health.map((h) => h.name)).toEqual(['Canary error rate', 'p95 latency', 'Availability'])
    expect(report.rollout.steps.map((s) => [s.label, s.state, s.durationMs, s.verdict?.rationale])).toEqual([
      ['10% of traffic', 'passed', 20 * MINUTE, 'Errors flat at 0.05 %'],
      ['100% of traffic', 'passed', 8 * MINUTE, 'All signals green for 8 minutes']
    ])
    expect(report.incidents[0]).toMatchObject({ severity: 'medium', outcome: 'fix-in-place', resolution: 'Coupon service 1.4.2 deployed' })
    expect(report.incidents[0].path.map((p) => [p.question, p.answer, p.by.name])).toEqual([
      ['Is it critical?', 'no', 'Dana Okafor'],
      ['Can we fix it quickly?', 'yes', 'Dana Okafor']
    ])
    const errors = report.health.find((h) => h.name === 'Canary error rate')!
    expect(errors).toMatchObject({ count: 59, min: 0.04, max: 0.9 })
    expect(errors.chart).toContain('<text')
    expect(errors.chart).toContain('Canary error rate (%)')
    expect(Object.fromEntries(report.metrics.map((m) => [m.key, [m.target, m.actual === null ? null : Number(m.actual.toFixed(3)), m.status]]))).toEqual({
      'deployment-time': [30, 28, 'met'],
      'rollback-time': [15, null, 'not measured'],
      'error-rate': [0.5, 0.079, 'met'],
      'p95-latency': [200, 169.31, 'met'],
      availability: [99.9, 99.983, 'met'],
      'critical-incidents': [0, 0, 'met']
    })
    expect(settings.effective['error-rate']).toBe(0.5)
    expect(report.releaseNotes.whatsNew).toBe('- Saved carts survive a logout')
    expect(report.audit).toMatchObject({ ok: true, problem: null })

    const md = call<ExportedFile>(t.room, 'reports.export', { releaseId, format: 'markdown' })
    expect(md).toMatchObject({ filename: 'release-report-checkout-2.6.0.md', contentType: 'text/markdown; charset=utf-8' })
    const headings = md.content.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3))
    expect(headings).toEqual([...REPORT_SECTIONS])
    expect(md.content.match(/!\[[^\]]+\]\(data:image\/svg\+xml;base64,/g)).toHaveLength(3)
    await expect(stable(md.content, releaseId, report.audit.headHash)).toMatchFileSnapshot('__snapshots__/report.md')
  })

  it('records a change of targets on the timeline and refuses it from people who do not own the table', () => {
    const releaseId = recordRelease(t.room, t.clock)
    const errorSignal = call<Room>(t.room, 'releases.get', { releaseId }).signals[0].id
    const out = t.room.dispatch('reports.targets.set', { releaseId, targets: { availability: 99.99 }, actor: people['qa-lead'] })
    expect(out.ok ? null : out.error).toMatchObject({ code: 'rule_violation', message: expect.stringMatching(/set by the DevOps lead, the SRE or the accountable owner/) })

    call(t.room, 'reports.targets.set', { releaseId, targets: { availability: 99.99 }, signals: { 'p95-latency': errorSignal }, manual: { 'error-rate': 0.2 }, actor: dana })
    const [entry] = call<{ kind: string; summary: string }[]>(t.room, 'timeline.list', { releaseId, limit: 1 })
    expect(entry).toEqual(expect.objectContaining({ kind: 'report.targets-set', summary: 'Set report metrics: availability target 99.99 %; p95-latency reads "Canary error rate"; error-rate actual 0.2 % entered by hand' }))
    const metrics = call<LiveReport>(t.room, 'reports.get', { releaseId }).report.metrics
    expect(metrics.find((m) => m.key === 'availability')).toMatchObject({ target: 99.99, status: 'missed' })
    expect(metrics.find((m) => m.key === 'error-rate')).toMatchObject({ actual: 0.2, source: 'entered by hand' })
    expect(metrics.find((m) => m.key === 'p95-latency')?.source).toBe('mean of Canary error rate over the window')

    call(t.room, 'reports.targets.set', { releaseId, manual: { 'error-rate': null }, signals: { 'p95-latency': null }, actor: dana })
    const reset = call<LiveReport>(t.room, 'reports.get', { releaseId }).report.metrics
    expect(reset.find((m) => m.key === 'error-rate')?.source).toBe('mean of Canary error rate (best guess) over the window')
    expect(reset.find((m) => m.key === 'p95-latency')?.source).toBe('mean of p95 latency (best guess) over the window')
  })

  it('answers bad input with a 4xx naming the problem', () => {
    const releaseId = recordRelease(t.room, t.clock)
    const refuse = (method: string, input: unknown) => {
      const out = t.room.dispatch(method, input)
      return out.ok ? null : out.error
    }
    expect(refuse('reports.export', { releaseId, format: 'pdf' })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/format must be markdown or json/) })
    expect(refuse('reports.get', { releaseId: 'nope' })).toMatchObject({ code: 'not_found' })
    expect(refuse('reports.targets.set', { releaseId, targets: { 'error-rate': -1 }, actor: dana })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/cannot be below 0/) })
    expect(refuse('reports.targets.set', { releaseId, targets: { uptime: 1 }, actor: dana })).toMatchObject({ code: 'invalid_input' })
    expect(refuse('reports.targets.set', { releaseId, signals: { 'error-rate': 'not-a-signal' }, actor: dana })).toMatchObject({
      code: 'rule_violation',
      message: 'The error-rate metric cannot read signal "not-a-signal": it is not a signal of this release.'
    })
    expect(refuse('reports.import', { bundle: '{ nope', actor: dana })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^The bundle is not JSON/) })
    expect(refuse('reports.import', { bundle: JSON.stringify({ format: 'something-else' }), actor: dana })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/format must be "release-war-room\/report-bundle@1"/)
    })
    expect(refuse('reports.imported.get', { importId: 'imp-missing' })).toMatchObject({ code: 'not_found' })
  })
})

describe('report bundles', () => {
  it('import read-only into a second war room, apart from its releases; a tampered bundle is refused and nothing is written', () => {
    const releaseId = recordRelease(t.room, t.clock)
    const bundle = call<ExportedFile>(t.room, 'reports.export', { releaseId, format: 'json' })
    expect(bundle.filename).toBe('release-report-checkout-2.6.0.bundle.json')
    const original = call<LiveReport>(t.room, 'reports.get', { releaseId }).report

    const other = testRoom()
    try {
      const tampered = JSON.parse(bundle.content) as { record: { timeline: { summary: string }[] } }
      tampered.record.timeline[3].summary = 'Nothing to see here'
      const refused = other.room.dispatch('reports.import', { bundle: JSON.stringify(tampered), actor: dana })
      expect(refused.ok ? null : refused.error).toMatchObject({
        code: 'invalid_input',
        message: "The bundle's timeline does not verify: entry #4 was changed after it was written. It was altered after export, so nothing was imported."
      })
      expect(countRows(other.room, 'imported_reports')).toBe(0)

      const summary = call<ImportedReportSummary>(other.room, 'reports.import', { bundle: bundle.content, actor: dana })
      expect(summary).toMatchObject({ title: 'Checkout 2.6: saved carts', status: 'validating', sourceReleaseId: releaseId, headHash: original.audit.headHash })
      expect(call<Release[]>(other.room, 'releases.list', {})).toEqual([])
      expect(countRows(other.room, 'timeline')).toBe(0)
      expect(call<ImportedReportSummary[]>(other.room, 'reports.imported.list', {})).toEqual([summary])
      const imported = call<ImportedReport>(other.room, 'reports.imported.get', { importId: summary.id })
      expect(imported.report).toEqual(original)

      expect(other.room.dispatch('reports.import', { bundle: bundle.content, actor: dana })).toMatchObject({ ok: false, error: { code: 'rule_violation', message: expect.stringMatching(/already imported/) } })
      expect(() => other.room.db.prepare("UPDATE imported_reports SET title = 'x'").run()).toThrow(/read-only/)
    } finally {
      other.dispose()
    }
  })

  it('refuses a bundle whose report no longer matches its timeline', () => {
    const releaseId = recordRelease(t.room, t.clock)
    const bundle = JSON.parse(call<ExportedFile>(t.room, 'reports.export', { releaseId, format: 'json' }).content) as { report: { audit: { count: number } } }
    bundle.report.audit.count = 3
    const out = t.room.dispatch('reports.import', { bundle: JSON.stringify(bundle), actor: dana })
    expect(out.ok ? null : out.error?.message).toMatch(/^The report does not match its timeline/)
    expect(countRows(t.room, 'imported_reports')).toBe(0)
  })
})
