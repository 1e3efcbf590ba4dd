import { afterEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Room } from '../../src/shared/room'
import { openWarRoom, type WarRoom } from '../../src/main/war-room'
import { seedDemoRelease } from '../../src/main/demo/demo-release'
import { startDemoEndpoint, rolloutTrafficPercent, type DemoEndpoint } from '../../src/main/demo/demo-endpoint'
import { DEMO_PLACEHOLDER_ORIGIN } from '../../src/main/demo/demo-signals'
import { SignalService } from '../../src/main/signals/signal-service'
import { systemClock } from '../../src/main/clock'
import { tempDir } from '../support/temp-dir'
import { until } from '../unit/monitoring/settle'

const cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c()
})

function call<T>(room: WarRoom, method: string, input: unknown): T {
  const out = room.dispatch(method, input)
  if (!out.ok) throw Object.assign(new Error(out.error.message), { error: out.error })
  return out.value as T
}

async function openDemo(dir: string): Promise<{ room: WarRoom; endpoint: DemoEndpoint; releaseId: string }> {
  const room = openWarRoom({ dbPath: join(dir, 'warroom.sqlite') })
  const endpoint = (await startDemoEndpoint(room))!
  cleanup.push(() => room.close(), () => endpoint.close())
  const releaseId = call<{ id: string }[]>(room, 'releases.list', {})[0].id
  return { room, endpoint, releaseId }
}

describe('the demo release and its metrics endpoint', () => {
  it('re-points the demo signals at the endpoint each start, and the real poller reads it live', async () => {
    const dir = tempDir()
    cleanup.push(() => dir.remove())
    const seeded = openWarRoom({ dbPath: join(dir.path, 'warroom.sqlite') })
    seedDemoRelease(seeded, systemClock)
    const stored = call<Room>(seeded, 'releases.get', { releaseId: call<{ id: string }[]>(seeded, 'releases.list', {})[0].id })
    expect(stored.signals.map((s) => s.definition.name)).toEqual([
      'Canary error rate',
      'Baseline error rate',
      'Canary p95 latency',
      'Baseline p95 latency',
      'Throughput',
      'Availability'
    ])
    expect(stored.signals.every((s) => s.definition.source.url.startsWith(DEMO_PLACEHOLDER_ORIGIN))).toBe(true)
    seeded.close()

    const { room, endpoint, releaseId } = await openDemo(dir.path)
    let view = call<Room>(room, 'releases.get', { releaseId })
    expect(view.demo).toEqual({ origin: endpoint.url, fault: 'none', trafficPercent: 10 })
    expect(view.signals.every((s) => s.definition.source.url.startsWith(`${endpoint.url}/`))).toBe(true)

    // Poll the canary's error rate every second so the test does not wait on the demo's 2-second pace.
    const canary = view.signals.find((s) => s.definition.name === 'Canary error rate')!
    call(room, 'signals.update', { signalId: canary.id, signal: { ...canary.definition, intervalMs: 1000, timeoutMs: 500 }, actor: { name: 'Sam Lee', role: 'sre' } })
    const service = new SignalService(room, { log: () => {} })
    cleanup.push(() => service.stop())
    const state = (name: string) => call<Room>(room, 'releases.get', { releaseId }).signals.find((s) => s.definition.name === name)!.status
    await until(() => state('Availability').state === 'ok' && state('Throughput').state !== 'stale' && state('Canary error rate').state === 'ok', 'the demo signals to read', 8000)
    expect(state('Availability')).toMatchObject({ value: 100 })

    call(room, 'signals.demo', { releaseId, fault: 'errors', actor: { name: 'Sam Lee', role: 'sre' } })
    await until(() => state('Canary error rate').state === 'critical', 'the canary error rate to go critical', 8000)
    expect(state('Baseline error rate').state).not.toBe('critical')
    await until(() => call<{ kind: string }[]>(room, 'timeline.list', { releaseId }).some((e) => e.kind === 'signal.breach'), 'the sustained breach', 5000)
    view = call<Room>(room, 'releases.get', { releaseId })
    expect(view.demo?.fault).toBe('errors')
  }, 30_000)

  it('reads the canary traffic % from a rollout part of any shape, defensively', () => {
    expect(rolloutTrafficPercent({})).toBeUndefined()
    expect(rolloutTrafficPercent(undefined)).toBeUndefined()
    const steps = [{ trafficPercent: 5 }, { trafficPercent: 25 }]
    expect(rolloutTrafficPercent({ rollout: { state: { status: 'running', steps }, currentStepIndex: 1 } })).toBe(25)
    expect(rolloutTrafficPercent({ rollout: { state: { status: 'not-started', steps }, currentStepIndex: 0 } })).toBeUndefined()
    expect(rolloutTrafficPercent({ rollout: { state: { status: 'completed', steps }, currentStepIndex: -1 } })).toBe(100)
  })
})
