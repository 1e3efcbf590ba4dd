import { useStore } from 'zustand'
import { client } from '../../session/room'
import { createHistoryStore, type HistoryState } from '../../history/history-store'

/** The history view's store, made once with the window's client. */
export const historyStore = createHistoryStore(client)
export const useHistory = <T>(select: (s: HistoryState) => T) => useStore(historyStore, select)
