import type http from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Room } from '../../src/shared/room'
import type { SignalView } from '../../src/shared/room-signals'
import type { DomainEvent } from '../../src/shared/events'
import type { SignalDefinitionInput } from '../../src/shared/signal'
import { manualTimers, type ManualTimers } from '../../src/main/monitoring/timers'
import { SignalService } from '../../src/main/signals/signal-service'
import { testRoom } from '../support/room'
import { lead, releaseInput } from '../support/fixtures'
import { localServer, type LocalServer } from '../unit/monitoring/local-http'
import { drive, until } from '../unit/monitoring/settle'

let t: ReturnType<typeof testRoom>
let timers: ManualTimers
const servers: LocalServer[] = []
const services: SignalService[] = []
beforeEach(() => {
  t = testRoom()
  timers = manualTimers(t.clock)
})
afterEach(async () => {
  for (const s of services.splice(0)) s.stop()
  await Promise.all(servers.splice(0).map((s) => s.close()))
  t.dispose()
})

async function serve(handler: http.RequestListener): Promise<string> {
  const server = await localServer(handler)
  servers.push(server)
  return server.url
}

function call<T>(method: string, input: unknown): T {
  const out = t.room.dispatch(method, input)
  if (!out.ok) throw Object.assign(new Error(out.error.message), { error: out.error })
  return out.value as T
}

function service(): SignalService {
  const s = new SignalService(t.room, { timers, log: () => {}, retention: { everyMs: 3_600_000 } })
  services.push(s)
  return s
}

const signal = (name: string, source: SignalDefinitionInput['source'], extra: Partial<SignalDefinitionInput> = {}): SignalDefinitionInput => ({
  name,
  source,
  intervalMs: 1000,
  timeoutMs: 500,
  thresholds: { direction: 'above', warn: 50, critical: 100 },
  severity: 'high',
  ...extra
})

describe('the signal service over real endpoints', () => {
  it('keeps one bad signal from disturbing the others, and shows each failure’s reason through releases.get', async () => {
    let goroutines = 37
    const metrics = await serve((_req, res) => res.end(`# TYPE go_goroutines gauge\ngo_goroutines ${goroutines}\n`))
    const failing = await serve((_req, res) => {
      res.statusCode = 500
      res.end('{"error":"database unavailable"}')
    })
    const hanging = await serve(() => {})
    const { id } = call<{ id: string }>('releases.create', releaseInput())
    const good = call<SignalView>('signals.add', { releaseId: id, signal: signal('Goroutines', { kind: 'scrape', url: `${metrics}/metrics`, metric: 'go_goroutines' }), actor: lead })
    const bad = call<SignalView>('signals.add', { releaseId: id, signal: signal('DB latency', { kind: 'json', url: failing, path: 'checks.db.latencyMs' }), actor: lead })
    const slow = call<SignalView>('signals.add', { releaseId: id, signal: signal('Queue lag', { kind: 'json', url: hanging, path: 'lag' }), actor: lead })
    const events: DomainEvent[] = []
    t.room.bus.subscribe((e) => events.push(e))

    const svc = service()
    expect(svc.watching().sort()).toEqual([good.id, bad.id, slow.id].sort())
    const settle = async (ms: number) => {
      await until(() => svc.stats().inFlight <= 1 && svc.stats().queued === 0, 'every poll but the hanging one to finish')
      await drive(timers, t.clock, ms)
    }
    await drive(timers, t.clock, 0)
    await settle(1000)
    goroutines = 120
    await settle(1000)
    await settle(999)

    const room = call<Room>('releases.get', { releaseId: id })
    const status = (sid: string) => room.signals.find((s) => s.id === sid)!.status
    expect(status(good.id)).toMatchObject({ state: 'critical', value: 120, threshold: 100 })
    expect(status(good.id).reason).toBeUndefined()
    expect(status(bad.id)).toMatchObject({ state: 'error', reason: 'HTTP 500 Internal Server Error' })
    expect(status(slow.id)).toMatchObject({ state: 'error', reason: 'timeout: timed out after 500 ms' })

    // The good signal polled at every instant, on time; its samples are stored and were announced live.
    expect(svc.stats().signals[good.id]).toMatchObject({ polls: 3, failures: 0, missedTicks: 0 })
    const stored = t.room.stores.samples.raw(t.room.stores.signals.get(good.id)!.sid, 0, Number.MAX_SAFE_INTEGER)
    // The poll due at 1 s was answered before the value changed.
    expect(stored.map((s) => s.v)).toEqual([37, 37, 120])
    const live = events.filter((e) => e.type === 'signal.samples').flatMap((e) => (e.type === 'signal.samples' ? e.samples : []))
    expect(live.filter((s) => s.signalId === good.id).map((s) => s.v)).toEqual([37, 37, 120])
    expect(live.some((s) => s.signalId !== good.id)).toBe(false)
  })

  it('records a sustained breach once, opens (or tries to open) an incident, and notes the recovery', async () => {
    let value = 5
    const metrics = await serve((_req, res) => res.end(`errors_ratio ${value}\n`))
    const { id } = call<{ id: string }>('releases.create', releaseInput())
    call<SignalView>('signals.add', {
      releaseId: id,
      signal: signal('Error ratio', { kind: 'scrape', url: `${metrics}/metrics`, metric: 'errors_ratio' }, { breach: { kind: 'consecutive', count: 2 } }),
      actor: lead
    })
    const svc = service()
    const tick = async () => {
      await until(() => svc.stats().inFlight === 0 && svc.stats().queued === 0, 'the poll to finish')
      await drive(timers, t.clock, 1000)
    }
    await drive(timers, t.clock, 0)
    await tick()
    value = 500
    for (let i = 0; i < 4; i++) await tick()
    value = 1
    await tick()
    await until(() => svc.stats().inFlight === 0, 'the last poll')
    await drive(timers, t.clock, 200)

    const entries = call<{ kind: string; summary: string; data: Record<string, unknown> }[]>('timeline.list', { releaseId: id })
    const breaches = entries.filter((e) => e.kind === 'signal.breach')
    expect(breaches).toHaveLength(1)
    expect(breaches[0].summary).toMatch(/^Sustained breach: Error ratio ≥ 100 for 2 samples in a row, worst 500/)
    expect(breaches[0].data).toMatchObject({ severity: 'high', evidence: { count: 2, worst: 500 } })
    // Whether the rollout side opened the incident or not, the breach is on record and the poller carried on.
    const opened = entries.filter((e) => e.kind === 'incident.opened')
    expect(opened.length + (breaches[0].data.error ? 1 : 0)).toBe(1)
    expect(entries.filter((e) => e.kind === 'signal.recovered')).toHaveLength(1)
  })

  it('turns a signal stale when its readings stop, and restores state and breach after a restart', async () => {
    let up = true
    const metrics = await serve((_req, res) => (up ? res.end('g 500\n') : undefined))
    const { id } = call<{ id: string }>('releases.create', releaseInput())
    const s = call<SignalView>('signals.add', {
      releaseId: id,
      signal: signal('G', { kind: 'scrape', url: `${metrics}/metrics`, metric: 'g' }, { breach: { kind: 'consecutive', count: 1 } }),
      actor: lead
    })
    const first = service()
    await drive(timers, t.clock, 0)
    await until(() => first.stats().polls === 1 && first.stats().inFlight === 0, 'the first poll')
    await drive(timers, t.clock, 200)
    expect(t.room.stores.signals.get(s.id)!.status.state).toBe('critical')
    first.stop()

    // A restart: the breach is remembered, so no second one is recorded for the same run of bad samples.
    const second = service()
    await drive(timers, t.clock, 0)
    await until(() => second.stats().polls >= 1 && second.stats().inFlight === 0, 'the first poll after restart')
    await drive(timers, t.clock, 200)
    expect(t.room.stores.signals.get(s.id)!.status.state).toBe('critical')
    const kinds = call<{ kind: string }[]>('timeline.list', { releaseId: id }).map((e) => e.kind)
    expect(kinds.filter((k) => k === 'signal.breach')).toHaveLength(1)

    second.stop()
    up = false
    t.clock.advance(10_000)
    const third = service()
    third.sweep()
    expect(call<Room>('releases.get', { releaseId: id }).signals[0].status).toMatchObject({ state: 'stale', value: 500, reason: expect.stringMatching(/^no sample for 1\d s/) })
  })

  it('folds raw samples past the retention age into per-minute rollups that charts still read', () => {
    const { id } = call<{ id: string }>('releases.create', releaseInput())
    const s = call<SignalView>('signals.add', { releaseId: id, signal: signal('G', { kind: 'probe', url: 'http://127.0.0.1:9/' }), actor: lead })
    const sid = t.room.stores.signals.get(s.id)!.sid
    const now = t.clock.now()
    const start = now - 49 * 3_600_000
    t.room.transact((ctx) => {
      for (let i = 0; i < 3 * 3600; i++) ctx.samples.insert(sid, start + i * 1000, i === 100 ? 99 : 1)
    })
    const svc = new SignalService(t.room, { timers, log: () => {}, retention: { rawMs: 48 * 3_600_000, rowBudget: 100_000 } })
    services.push(svc)
    let folded = 0
    for (let i = 0; i < 10; i++) folded += svc.applyRetention().folded
    // An hour past the 48-hour line was dropped; the two hours inside it stay raw.
    expect(folded).toBe(3600)
    // Every minute is summarized, the raw ones too: a chart over days reads minutes wherever they are.
    const rollups = t.room.db.prepare('SELECT count(*) AS n, sum(n) AS total, max(hi) AS hi FROM sample_rollups WHERE sid = ?').get(sid)
    expect(rollups).toEqual({ n: 180, total: 3 * 3600, hi: 99 })
    const read = t.room.stores.samples.range(sid, start, now, 100_000)
    expect(read.points.length).toBe(2 * 3600 + 120)
    expect(Math.max(...read.points.map((p) => p.v))).toBe(99)
  })
})
