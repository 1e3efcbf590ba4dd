import { createStore } from 'zustand/vanilla'
import type { CanaryPairView, DemoView, SignalStatus, SignalView } from '../../../shared/room-signals'
import type { WarRoomClient } from '../client/war-room-client'
import { SeriesBuffer } from './series-buffer'
import type { RangeKey } from './health-shape'

export interface HealthState {
  releaseId: string | null
  range: RangeKey
  /** The newest status of each signal: from the room, then from each live batch. */
  statuses: Record<string, SignalStatus>
  canary: CanaryPairView[]
  demo: DemoView | null
  error: string | null
  open(releaseId: string): void
  close(): void
  /** Takes a freshly read room's signals: statuses, canary analysis, the demo's state. */
  syncRoom(room: { release: { id: string }; signals: SignalView[]; canary: CanaryPairView[]; demo: DemoView | null }): void
  setRange(range: RangeKey): void
  /** Fetches a signal's history for the chart, decimated by the host to about `maxPoints`. */
  load(signalId: string, from: number, to: number, maxPoints: number): Promise<void>
  refreshCanary(): Promise<void>
  buffer(signalId: string): SeriesBuffer
}

/**
 * Live health for the open room. Histories are fetched per signal and range with `signals.samples`; after that, each
 * `signal.samples` event appends its readings to the signal's buffer in place (no refetch) and updates its status.
 */
export function createHealthStore(client: WarRoomClient) {
  let buffers = new Map<string, SeriesBuffer>()

  const store = createStore<HealthState>()((set, get) => ({
    releaseId: null,
    range: '15m',
    statuses: {},
    canary: [],
    demo: null,
    error: null,
    open(releaseId) {
      if (get().releaseId === releaseId) return
      buffers = new Map()
      set({ releaseId, statuses: {}, canary: [], demo: null, error: null })
    },
    close() {
      buffers = new Map()
      set({ releaseId: null, statuses: {}, canary: [], demo: null })
    },
    syncRoom(room) {
      if (room.release.id !== get().releaseId) return
      set((s) => {
        const statuses: Record<string, SignalStatus> = {}
        for (const signal of room.signals) {
          const live = s.statuses[signal.id]
          // A live status newer than the room's read wins; the room's answer may have been computed before it.
          statuses[signal.id] = live && (live.at ?? 0) > (signal.status.at ?? 0) ? live : signal.status
        }
        return { statuses, canary: room.canary, demo: room.demo }
      })
    },
    setRange(range) {
      set({ range })
    },
    async load(signalId, from, to, maxPoints) {
      const releaseId = get().releaseId
      try {
        const answer = await client.call('signals.samples', { signalId, from, to, maxPoints: Math.max(2, Math.min(20_000, Math.round(maxPoints))) })
        if (get().releaseId !== releaseId) return
        get().buffer(signalId).replace(answer.points, from)
      } catch (e) {
        set({ error: (e as Error).message })
      }
    },
    async refreshCanary() {
      const releaseId = get().releaseId
      if (!releaseId) return
      try {
        const canary = await client.call('signals.canary', { releaseId })
        if (get().releaseId === releaseId) set({ canary })
      } catch {
        // Advisory: the last analysis stays on screen until the next one succeeds.
      }
    },
    buffer(signalId) {
      let b = buffers.get(signalId)
      if (!b) {
        b = new SeriesBuffer()
        buffers.set(signalId, b)
      }
      return b
    }
  }))

  client.subscribe((event) => {
    const { releaseId } = store.getState()
    if (event.type === 'signal.samples' && event.releaseId === releaseId) {
      const bySignal = new Map<string, { t: number; v: number }[]>()
      for (const s of event.samples) {
        const list = bySignal.get(s.signalId)
        if (list) list.push(s)
        else bySignal.set(s.signalId, [s])
      }
      for (const [id, samples] of bySignal) store.getState().buffer(id).append(samples)
      const current = store.getState().statuses
      const changed = event.states.filter((st) => !sameStatus(current[st.signalId], st))
      // Panels select their own status: an unchanged one keeps its object, so its panel does not re-render.
      if (changed.length) {
        store.setState((s) => {
          const statuses = { ...s.statuses }
          for (const st of changed) statuses[st.signalId] = st
          return { statuses }
        })
      }
    }
    if (event.type === 'signal.demo' && event.releaseId === releaseId) store.setState({ demo: event.demo })
  })
  return store
}

const STATUS_FIELDS = ['state', 'value', 'at', 'threshold', 'reason'] as const satisfies readonly (keyof SignalStatus)[]

function sameStatus(a: SignalStatus | undefined, b: SignalStatus): boolean {
  return a !== undefined && STATUS_FIELDS.every((f) => a[f] === b[f])
}

export type HealthStore = ReturnType<typeof createHealthStore>
