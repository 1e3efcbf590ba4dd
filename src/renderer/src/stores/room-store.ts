import { createStore } from 'zustand/vanilla'
import type { Room } from '../../../shared/room'
import type { TimelineEntry } from '../../../shared/timeline'
import type { WarRoomClient } from '../client/war-room-client'
import { mergeTimeline } from '../room/merge-timeline'

export interface RoomState {
  releaseId: string | null
  room: Room | null
  timeline: TimelineEntry[]
  error: string | null
  open(releaseId: string): void
  close(): void
  refresh(): Promise<void>
}

/**
 * The open war room. One `releases.get` draws it; every `timeline.appended` for it appends the entry at once and
 * refetches the room, coalescing a burst of events into one refetch at a time.
 */
export function createRoomStore(client: WarRoomClient) {
  let inFlight: Promise<void> | null = null
  let again = false

  const store = createStore<RoomState>()((set, get) => ({
    releaseId: null,
    room: null,
    timeline: [],
    error: null,
    open(releaseId) {
      if (get().releaseId === releaseId) return
      set({ releaseId, room: null, timeline: [], error: null })
      void get().refresh()
    },
    close() {
      set({ releaseId: null, room: null, timeline: [], error: null })
    },
    async refresh() {
      if (inFlight) {
        again = true
        return inFlight
      }
      const run = async () => {
        do {
          again = false
          const releaseId = get().releaseId
          if (!releaseId) return
          try {
            const [room, timeline] = await Promise.all([
              client.call('releases.get', { releaseId }),
              client.call('timeline.list', { releaseId, limit: 500 })
            ])
            if (get().releaseId !== releaseId) return
            set((s) => ({ room, timeline: mergeTimeline(s.timeline, timeline), error: null }))
          } catch (e) {
            set({ error: (e as Error).message })
          }
        } while (again)
      }
      inFlight = run().finally(() => (inFlight = null))
      return inFlight
    }
  }))

  client.subscribe((event) => {
    const { releaseId } = store.getState()
    if (event.type === 'timeline.appended' && event.entry.releaseId === releaseId) {
      store.setState((s) => ({ timeline: mergeTimeline(s.timeline, [event.entry]) }))
      void store.getState().refresh()
    }
  })
  client.onConnection((state) => {
    if (state === 'live' && store.getState().releaseId) void store.getState().refresh()
  })
  return store
}

export type RoomStore = ReturnType<typeof createRoomStore>
