import { createStore } from 'zustand/vanilla'
import type { LiveReport, ImportedReport } from '../../../shared/api-report'
import type { WarRoomClient } from '../client/war-room-client'

export interface ReportState {
  releaseId: string | null
  live: LiveReport | null
  imported: ImportedReport | null
  error: string | null
  open(releaseId: string): void
  openImported(importId: string): void
  refresh(): Promise<void>
  close(): void
}

/** Refetches coalesce: a burst of timeline entries (an advance writes several) costs one read. */
const REFRESH_DELAY_MS = 400

/** The report being read: a live release's, refreshed when its timeline grows, or an imported one, which never changes. */
export function createReportStore(client: WarRoomClient) {
  let unsubscribe: (() => void) | null = null
  let pending: ReturnType<typeof setTimeout> | null = null
  const store = createStore<ReportState>()((set, get) => ({
    releaseId: null,
    live: null,
    imported: null,
    error: null,
    open(releaseId) {
      get().close()
      set({ releaseId, live: null, imported: null, error: null })
      unsubscribe = client.subscribe((event) => {
        if (event.type !== 'timeline.appended' || event.entry.releaseId !== releaseId || pending) return
        pending = setTimeout(() => {
          pending = null
          void get().refresh()
        }, REFRESH_DELAY_MS)
      })
      void get().refresh()
    },
    openImported(importId) {
      get().close()
      set({ releaseId: null, live: null, imported: null, error: null })
      client.call('reports.imported.get', { importId }).then(
        (imported) => set({ imported }),
        (e: Error) => set({ error: e.message })
      )
    },
    async refresh() {
      const releaseId = get().releaseId
      if (!releaseId) return
      try {
        const live = await client.call('reports.get', { releaseId })
        if (get().releaseId === releaseId) set({ live, error: null })
      } catch (e) {
        if (get().releaseId === releaseId) set({ error: (e as Error).message })
      }
    },
    close() {
      unsubscribe?.()
      unsubscribe = null
      if (pending) clearTimeout(pending)
      pending = null
      set({ releaseId: null })
    }
  }))
  return store
}
