import { afterEach, describe, expect, it, vi } from 'vitest'
import type { DomainEvent } from '../../src/shared/events'
import type { LiveReport } from '../../src/shared/api-report'
import type { ReportSettingsView } from '../../src/shared/report-targets'
import type { WarRoomClient } from '../../src/renderer/src/client/war-room-client'
import { chartSrc, metricTone, targetsChange, targetsDraft } from '../../src/renderer/src/report/report-lines'
import { createReportStore } from '../../src/renderer/src/report/report-store'
import { printReport } from '../../src/renderer/src/report/print-report'
import { hrefOf, parseRoute } from '../../src/renderer/src/stores/route-store'

const settings: ReportSettingsView = {
  targets: { 'error-rate': 0.5 },
  signals: { 'p95-latency': 'sig-p95' },
  manual: {},
  effective: { 'deployment-time': 30, 'rollback-time': 15, 'error-rate': 0.5, 'p95-latency': 200, availability: 99.9, 'critical-incidents': 0 },
  updatedBy: null,
  updatedAt: null
}

describe('report routes', () => {
  it('opens a release’s report and an imported report, and links back to them', () => {
    expect(parseRoute('#/releases/abc/report')).toEqual({ view: 'report', releaseId: 'abc' })
    expect(parseRoute('#/releases/abc')).toEqual({ view: 'release', releaseId: 'abc' })
    expect(parseRoute('#/reports/imported/imp-1')).toEqual({ view: 'imported-report', importId: 'imp-1' })
    expect(hrefOf({ view: 'report', releaseId: 'a b' })).toBe('#/releases/a%20b/report')
    expect(hrefOf({ view: 'imported-report', importId: 'imp-1' })).toBe('#/reports/imported/imp-1')
  })
})

describe('the targets form', () => {
  it('sends only what the person changed: a target, a signal back to its best guess, an actual typed by hand', () => {
    const draft = targetsDraft(settings)
    expect(draft.targets['error-rate']).toBe('0.5')
    expect(draft.signals['p95-latency']).toBe('sig-p95')
    expect(targetsChange(draft, settings)).toEqual({ change: {}, invalid: [] })

    draft.targets.availability = '99.95'
    draft.signals['p95-latency'] = ''
    draft.manual['error-rate'] = ' 0.02 '
    expect(targetsChange(draft, settings)).toEqual({
      change: { targets: { availability: 99.95 }, signals: { 'p95-latency': null }, manual: { 'error-rate': 0.02 } },
      invalid: []
    })
  })

  it('names a field that is not a number', () => {
    const draft = targetsDraft(settings)
    draft.targets['p95-latency'] = 'fast'
    draft.manual.availability = '99,9'
    expect(targetsChange(draft, settings).invalid).toEqual(['p95-latency target', 'availability actual'])
  })
})

describe('report lines', () => {
  it('turns a chart into an image source any name survives, and colours a result by its meaning', () => {
    expect(chartSrc('<svg><text>Latenz “p95”</text></svg>')).toBe(`data:image/svg+xml;charset=utf-8,${encodeURIComponent('<svg><text>Latenz “p95”</text></svg>')}`)
    expect([metricTone('met'), metricTone('missed'), metricTone('in progress'), metricTone('not measured')]).toEqual(['ok', 'bad', 'warn', 'muted'])
  })
})

describe('the report store', () => {
  afterEach(() => vi.useRealTimers())

  it('reads the report, and reads it again once after a burst of timeline entries for its release only', async () => {
    vi.useFakeTimers()
    const listeners: ((e: DomainEvent) => void)[] = []
    const calls: string[] = []
    const client = {
      transport: 'http',
      call: (async (method: string, input: { releaseId: string }) => {
        calls.push(`${method}:${input.releaseId}`)
        return { report: { summary: { releaseId: input.releaseId } }, settings, signals: [] } as unknown as LiveReport
      }) as WarRoomClient['call'],
      subscribe: (l: (e: DomainEvent) => void) => (listeners.push(l), () => listeners.splice(listeners.indexOf(l), 1)),
      onConnection: () => () => undefined
    } as WarRoomClient
    const store = createReportStore(client)
    store.getState().open('r1')
    await vi.runAllTimersAsync()
    expect(store.getState().live?.report.summary.releaseId).toBe('r1')
    const appended = (releaseId: string) => ({ type: 'timeline.appended', entry: { releaseId } }) as unknown as DomainEvent
    for (const l of [...listeners]) {
      l(appended('r1'))
      l(appended('r1'))
      l(appended('other'))
    }
    await vi.runAllTimersAsync()
    expect(calls).toEqual(['reports.get:r1', 'reports.get:r1'])
    store.getState().close()
    expect(listeners).toHaveLength(0)
  })
})

describe('Save as PDF', () => {
  it('uses the desktop app’s printToPdf when the bridge has it, and the browser’s print dialog otherwise', async () => {
    const print = vi.fn()
    const printToPdf = vi.fn(async () => ({ saved: true as const, path: '/tmp/r.pdf' }))
    expect(await printReport('release-report', { print, warroom: { invoke: vi.fn(), subscribe: vi.fn(), printToPdf } })).toEqual({ saved: true, path: '/tmp/r.pdf' })
    expect(printToPdf).toHaveBeenCalledWith('release-report')
    expect(print).not.toHaveBeenCalled()
    expect(await printReport('release-report', { print, warroom: undefined })).toBe('browser-dialog')
    expect(print).toHaveBeenCalledOnce()
  })
})
