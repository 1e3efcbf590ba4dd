import { useStore } from 'zustand'
import { client } from '../session/room'
import { createHealthStore } from './health-store'

/** This window's live-health store, made once beside the room store. */
export const healthStore = createHealthStore(client)
export const useHealth = <T>(select: (s: ReturnType<typeof healthStore.getState>) => T) => useStore(healthStore, select)
