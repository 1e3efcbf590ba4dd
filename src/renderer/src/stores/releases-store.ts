import { createStore } from 'zustand/vanilla'
import type { Release } from '../../../shared/release'
import type { Input } from '../../../shared/api'
import type { WarRoomClient } from '../client/war-room-client'
import { applyReleaseEvent } from '../releases/apply-release-event'

export interface ReleasesState {
  releases: readonly Release[]
  loaded: boolean
  error: string | null
  refresh(): Promise<void>
  create(input: Input<'releases.create'>): Promise<Release>
}

/**
 * The releases every client sees. Filled by one `releases.list`, then kept current by events; a reconnection
 * refetches, since events sent while disconnected are not replayed.
 */
export function createReleasesStore(client: WarRoomClient) {
  const store = createStore<ReleasesState>()((set) => ({
    releases: [],
    loaded: false,
    error: null,
    async refresh() {
      try {
        const releases = await client.call('releases.list', {})
        set({ releases, loaded: true, error: null })
      } catch (e) {
        set({ error: (e as Error).message })
      }
    },
    async create(input) {
      // The event stream adds the row too; applyReleaseEvent makes the two arrivals one.
      const release = await client.call('releases.create', input)
      set((s) => ({ releases: applyReleaseEvent(s.releases, { type: 'release.created', release, seq: 0, at: release.createdAt }) }))
      return release
    }
  }))
  client.subscribe((event) => store.setState((s) => ({ releases: applyReleaseEvent(s.releases, event) })))
  client.onConnection((state) => {
    if (state === 'live') void store.getState().refresh()
  })
  return store
}

export type ReleasesStore = ReturnType<typeof createReleasesStore>
