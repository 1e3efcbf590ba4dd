import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Room } from '../../src/shared/room'
import type { SignalView } from '../../src/shared/room-signals'
import type { SamplesAnswer } from '../../src/shared/api-signals'
import type { SignalDefinitionInput } from '../../src/shared/signal'
import { evaluateHealthGate } from '../../src/main/signals/health-gate'
import { countRows, testRoom } from '../support/room'
import { lead, releaseInput } from '../support/fixtures'

let t: ReturnType<typeof testRoom>
beforeEach(() => {
  t = testRoom()
})
afterEach(() => t.dispose())

function call<T>(method: string, input: unknown): T {
  const out = t.room.dispatch(method, input)
  if (!out.ok) throw Object.assign(new Error(out.error.message), { error: out.error })
  return out.value as T
}
function refusal(method: string, input: unknown) {
  const out = t.room.dispatch(method, input)
  if (out.ok) throw new Error(`${method} was accepted`)
  return out.error
}

const errorRate: SignalDefinitionInput = {
  name: 'Canary error rate',
  source: { kind: 'prometheus', url: 'http://prometheus:9090', query: 'sum(rate(http_requests_total{code=~"5.."}[2m]))', auth: { kind: 'bearer', tokenEnv: 'PROM_TOKEN' } },
  unit: '%',
  thresholds: { direction: 'above', warn: 0.05, critical: 0.1 },
  severity: 'high',
  role: 'canary'
}

describe('signals through the dispatch', () => {
  it('adds a signal with defaults filled, records it on the timeline, and shows it in releases.get', () => {
    const { id } = call<{ id: string }>('releases.create', releaseInput())
    const before = countRows(t.room, 'timeline')
    const added = call<SignalView>('signals.add', { releaseId: id, signal: errorRate, actor: lead })
    expect(added.definition).toMatchObject({ intervalMs: 5000, timeoutMs: 2000, breach: { kind: 'consecutive', count: 3 } })
    expect(added.status).toMatchObject({ state: 'stale' })
    expect(countRows(t.room, 'timeline')).toBe(before + 1)
    const room = call<Room>('releases.get', { releaseId: id })
    expect(room.signals.map((s) => s.definition.name)).toEqual(['Canary error rate'])
    // Only the variable's name is stored and shown; its value is never read into anything a client sees.
    expect(JSON.stringify(room)).toContain('PROM_TOKEN')
    expect(room.demo).toBeNull()
  })

  it('keeps the health panels as they stood in the snapshot of every vote', () => {
    const { id } = call<{ id: string }>('releases.create', releaseInput())
    call('signals.add', { releaseId: id, signal: errorRate, actor: lead })
    const vote = call<{ snapshot: { health: unknown[] } }>('decisions.vote', {
      releaseId: id,
      gate: 'ready',
      verdict: 'no-go',
      rationale: 'The canary error rate has never been read',
      actor: { name: 'Sam Lee', role: 'sre' }
    })
    expect(vote.snapshot.health).toEqual([{ name: 'Canary error rate', state: 'stale', value: null, unit: errorRate.unit ?? '' }])
  })

  it('refuses bad definitions with per-field issues, and writes nothing', () => {
    const { id } = call<{ id: string }>('releases.create', releaseInput())
    const before = countRows(t.room, 'timeline')
    const bad = refusal('signals.add', {
      releaseId: id,
      signal: { ...errorRate, source: { kind: 'scrape', url: 'ftp://x', metric: '9bad' }, intervalMs: 500, thresholds: { direction: 'above', warn: 2, critical: 1 } },
      actor: lead
    })
    expect(bad.code).toBe('invalid_input')
    const paths = bad.issues!.map((i) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['signal.source.url', 'signal.source.metric', 'signal.intervalMs', 'signal.thresholds.warn']))
    call('signals.add', { releaseId: id, signal: errorRate, actor: lead })
    const dup = refusal('signals.add', { releaseId: id, signal: errorRate, actor: lead })
    expect(dup).toMatchObject({ code: 'rule_violation', issues: [{ path: 'signal.name' }] })
    expect(refusal('signals.add', { releaseId: id, signal: { ...errorRate, name: 'x' }, actor: { name: 'Oli', role: 'observer' } }).message).toMatch(/Observers/)
    expect(countRows(t.room, 'timeline')).toBe(before + 1)
    expect(countRows(t.room, 'signals')).toBe(1)
  })

  it('updates and removes a signal, and refuses changes on an ended release', () => {
    const { id } = call<{ id: string }>('releases.create', releaseInput())
    const s = call<SignalView>('signals.add', { releaseId: id, signal: errorRate, actor: lead })
    const updated = call<SignalView>('signals.update', { signalId: s.id, signal: { ...errorRate, thresholds: { direction: 'above', critical: 0.5 } }, actor: lead })
    expect(updated.definition.thresholds).toEqual({ direction: 'above', critical: 0.5 })
    const entries = call<{ kind: string; summary: string }[]>('timeline.list', { releaseId: id })
    expect(entries[0]).toMatchObject({ kind: 'signal.updated', summary: expect.stringContaining('thresholds') })
    call('signals.remove', { signalId: s.id, reason: 'duplicate of the dashboard', actor: lead })
    expect(call<Room>('releases.get', { releaseId: id }).signals).toEqual([])
    expect(refusal('signals.samples', { signalId: s.id }).code).toBe('not_found')
    call('releases.abort', { releaseId: id, reason: 'postponed', actor: lead })
    expect(refusal('signals.add', { releaseId: id, signal: errorRate, actor: lead }).message).toMatch(/aborted/)
  })

  it('answers a range decimated to maxPoints, keeping the spike, and the raw range when it fits', () => {
    const { id } = call<{ id: string }>('releases.create', releaseInput())
    const s = call<SignalView>('signals.add', { releaseId: id, signal: errorRate, actor: lead })
    const sid = t.room.stores.signals.get(s.id)!.sid
    const t0 = 1_000_000
    t.room.transact((ctx) => {
      for (let i = 0; i < 10_000; i++) ctx.samples.insert(sid, t0 + i * 1000, i === 7_777 ? 42 : 0.01 + (i % 10) / 1000)
    })
    const all = call<SamplesAnswer>('signals.samples', { signalId: s.id, from: t0, to: t0 + 10_000_000, maxPoints: 20_000 })
    expect(all).toMatchObject({ decimated: false, total: 10_000 })
    expect(all.points).toHaveLength(10_000)
    const few = call<SamplesAnswer>('signals.samples', { signalId: s.id, from: t0, to: t0 + 10_000_000, maxPoints: 400 })
    expect(few).toMatchObject({ decimated: true, total: 10_000 })
    const exactlyFits = call<SamplesAnswer>('signals.samples', { signalId: s.id, from: t0, to: t0 + 10_000_000, maxPoints: 10_000 })
    expect(exactlyFits).toMatchObject({ decimated: false, total: 10_000 })
    expect(few.points.length).toBeLessThanOrEqual(400)
    expect(few.points.some((p) => p.v === 42 && p.t === t0 + 7_777_000)).toBe(true)
    expect(few.points.every((p, i) => i === 0 || p.t >= few.points[i - 1].t)).toBe(true)
    expect(Math.min(...few.points.map((p) => p.v))).toBeCloseTo(0.01)
  })

  it('evaluates a step health gate over a window with the deciding values', () => {
    const { id } = call<{ id: string }>('releases.create', releaseInput())
    const s = call<SignalView>('signals.add', { releaseId: id, signal: errorRate, actor: lead })
    const sid = t.room.stores.signals.get(s.id)!.sid
    t.room.transact((ctx) => {
      for (let i = 0; i < 30; i++) ctx.samples.insert(sid, 1000 + i * 1000, i === 12 ? 4.8 : 0.02)
    })
    const failed = t.room.transact((ctx) => evaluateHealthGate(ctx, id, { from: 1000, to: 30_000 }), { writes: false })
    expect(failed.outcome).toBe('fail')
    expect(failed.summary).toMatch(/Canary error rate: 1 of 30 samples at or above 0.1 %, worst 4.8 %/)
    expect(failed.values).toEqual({ 'Canary error rate': 4.8 })
    const passed = t.room.transact((ctx) => evaluateHealthGate(ctx, id, { from: 14_000, to: 30_000 }), { writes: false })
    expect(passed.outcome).toBe('pass')
    const empty = t.room.transact((ctx) => evaluateHealthGate(ctx, id, { from: 100_000, to: 200_000 }), { writes: false })
    expect(empty.outcome).toBe('no-data')
  })

  it('refuses the demo control on a release that is not the demo', () => {
    const { id } = call<{ id: string }>('releases.create', releaseInput())
    expect(refusal('signals.demo', { releaseId: id, fault: 'errors', actor: lead }).message).toMatch(/Only the demo release/)
  })
})
