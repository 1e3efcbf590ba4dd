import { createStore } from 'zustand/vanilla'
import type { DoraFigures } from '../../../shared/dora'
import type { ErrorBudget, HistoryBucket, HistoryTrends, ReleaseHistoryRow, ServiceSlo } from '../../../shared/history'
import type { Input } from '../../../shared/api'
import type { WarRoomClient } from '../client/war-room-client'
import { servicesOf } from './history-filter'

export interface HistoryState {
  /** '' for every service. */
  service: string
  bucket: HistoryBucket
  dora: DoraFigures | null
  trends: HistoryTrends | null
  rows: readonly ReleaseHistoryRow[]
  slos: readonly ServiceSlo[]
  budgets: readonly ErrorBudget[]
  loaded: boolean
  error: string | null
  /** True while the view is on screen; events refetch only then. */
  watching: boolean
  watch(on: boolean): void
  setService(service: string): Promise<void>
  setBucket(bucket: HistoryBucket): Promise<void>
  refresh(): Promise<void>
  setSlo(input: Input<'history.slo.set'>): Promise<ServiceSlo>
}

/**
 * The delivery history view's data: the four keys and trends for the chosen service, every release for the table,
 * and each service's error budget. Refetched whole on any release change: it is a summary across the store, small
 * next to a room, and an incremental merge would have to repeat main's DORA rules here.
 */
export function createHistoryStore(client: WarRoomClient) {
  let generation = 0
  const store = createStore<HistoryState>()((set, get) => ({
    service: '',
    bucket: 'week',
    dora: null,
    trends: null,
    rows: [],
    slos: [],
    budgets: [],
    loaded: false,
    error: null,
    watching: false,
    watch(on) {
      set({ watching: on })
      if (on) void get().refresh()
    },
    async setService(service) {
      set({ service })
      await get().refresh()
    },
    async setBucket(bucket) {
      set({ bucket })
      await get().refresh()
    },
    async refresh() {
      const mine = ++generation
      const { service, bucket } = get()
      const only = service ? { service } : {}
      try {
        const [dora, trends, rows, slos] = await Promise.all([
          client.call('history.dora', only),
          client.call('history.trends', { ...only, bucket }),
          client.call('history.releases', {}),
          client.call('history.slo.list', {})
        ])
        const services = servicesOf(rows, slos.map((s) => s.service))
        const budgets = await Promise.all(services.map((s) => client.call('history.errorBudget', { service: s })))
        // A slower answer to an older filter must not overwrite a newer one.
        if (mine !== generation) return
        set({ dora, trends, rows, slos, budgets, loaded: true, error: null })
      } catch (e) {
        if (mine === generation) set({ error: (e as Error).message })
      }
    },
    async setSlo(input) {
      const slo = await client.call('history.slo.set', input)
      await get().refresh()
      return slo
    }
  }))
  // One action writes several events (a stage change, its timeline entry); they are folded into one refetch.
  let queued = false
  const refreshSoon = () => {
    if (queued) return
    queued = true
    setTimeout(() => {
      queued = false
      void store.getState().refresh()
    }, 250)
  }
  client.subscribe((event) => {
    if (!store.getState().watching) return
    if (event.type === 'release.created' || event.type === 'release.updated') refreshSoon()
    else if (event.type === 'timeline.appended' && /^(incident|rollback)\./.test(event.entry.kind)) refreshSoon()
  })
  client.onConnection((state) => {
    if (state === 'live' && store.getState().watching) void store.getState().refresh()
  })
  return store
}

export type HistoryStore = ReturnType<typeof createHistoryStore>
