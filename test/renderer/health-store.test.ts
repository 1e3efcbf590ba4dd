import { describe, expect, it } from 'vitest'
import type { DomainEvent } from '../../src/shared/events'
import type { SignalView } from '../../src/shared/room-signals'
import type { WarRoomClient } from '../../src/renderer/src/client/war-room-client'
import { createHealthStore } from '../../src/renderer/src/health/health-store'

function fakeClient(history: { t: number; v: number }[]) {
  const listeners: ((e: DomainEvent) => void)[] = []
  const calls: { method: string; input: unknown }[] = []
  const client: WarRoomClient = {
    transport: 'http',
    call: (async (method: string, input: unknown) => {
      calls.push({ method, input })
      if (method === 'signals.samples') return { signalId: 's1', from: 0, to: 100, points: history, decimated: false, total: history.length }
      return []
    }) as WarRoomClient['call'],
    subscribe: (l) => (listeners.push(l), () => {}),
    onConnection: () => () => {}
  }
  const emit = (e: DomainEvent) => listeners.forEach((l) => l(e))
  return { client, emit, calls }
}

const signal = { id: 's1', status: { signalId: 's1', state: 'ok', value: 1, at: 10 } } as SignalView

describe('the live-health store', () => {
  it('loads history once, then appends live samples and statuses from events for the open release only', async () => {
    const { client, emit, calls } = fakeClient([{ t: 10, v: 1 }, { t: 20, v: 2 }])
    const store = createHealthStore(client)
    store.getState().open('r1')
    store.getState().syncRoom({ release: { id: 'r1' }, signals: [signal], canary: [], demo: null })
    await store.getState().load('s1', 0, 100, 5000)
    expect(calls).toEqual([{ method: 'signals.samples', input: { signalId: 's1', from: 0, to: 100, maxPoints: 5000 } }])
    const points = store.getState().buffer('s1').points
    expect(points).toEqual([{ x: 10, y: 1 }, { x: 20, y: 2 }])

    emit({ seq: 1, at: '', type: 'signal.samples', releaseId: 'r1', samples: [{ signalId: 's1', t: 30, v: 9 }], states: [{ signalId: 's1', state: 'critical', value: 9, at: 30, threshold: 5 }] })
    emit({ seq: 2, at: '', type: 'signal.samples', releaseId: 'other', samples: [{ signalId: 's1', t: 40, v: 0 }], states: [] })
    expect(store.getState().buffer('s1').points).toBe(points)
    expect(points.map((p) => p.x)).toEqual([10, 20, 30])
    expect(store.getState().statuses.s1).toMatchObject({ state: 'critical', value: 9 })
    expect(calls).toHaveLength(1)

    // A room read computed before the live batch does not roll the status back.
    store.getState().syncRoom({ release: { id: 'r1' }, signals: [signal], canary: [], demo: null })
    expect(store.getState().statuses.s1.state).toBe('critical')

    emit({ seq: 3, at: '', type: 'signal.demo', releaseId: 'r1', demo: { origin: 'http://127.0.0.1:1', fault: 'errors', trafficPercent: 10 } })
    expect(store.getState().demo?.fault).toBe('errors')
  })

  it('groups a batch by signal, touches only the buffers it names, and replaces only the statuses that changed', () => {
    const { client, emit } = fakeClient([])
    const store = createHealthStore(client)
    store.getState().open('r1')
    const s2 = { id: 's2', status: { signalId: 's2', state: 'ok', value: 5, at: 10 } } as SignalView
    store.getState().syncRoom({ release: { id: 'r1' }, signals: [signal, s2], canary: [], demo: null })
    const other = store.getState().buffer('s2')
    const heard: string[] = []
    other.subscribe((kind) => heard.push(kind))
    const before = store.getState().statuses

    emit({
      seq: 1,
      at: '',
      type: 'signal.samples',
      releaseId: 'r1',
      samples: [
        { signalId: 's1', t: 20, v: 1 },
        { signalId: 's1', t: 30, v: 2 }
      ],
      // s2's state is repeated unchanged (as a new object): its panel must keep the same status object.
      states: [
        { signalId: 's1', state: 'warn', value: 2, at: 30, threshold: 2 },
        { signalId: 's2', state: 'ok', value: 5, at: 10 }
      ]
    })
    expect(store.getState().buffer('s1').points.map((p) => p.x)).toEqual([20, 30])
    expect(heard).toEqual([])
    expect(other.version).toBe(0)
    const after = store.getState().statuses
    expect(after.s1).toMatchObject({ state: 'warn', value: 2 })
    expect(after.s2).toBe(before.s2)

    // A batch that changes no status leaves the statuses record itself alone: nothing selecting it re-renders.
    emit({ seq: 2, at: '', type: 'signal.samples', releaseId: 'r1', samples: [], states: [{ signalId: 's1', state: 'warn', value: 2, at: 30, threshold: 2 }] })
    expect(store.getState().statuses).toBe(after)
  })
})
