import { useStore } from 'zustand'
import { connect } from '../client/connect'
import { createIdentityStore } from '../stores/identity-store'
import { createReleasesStore } from '../stores/releases-store'
import { createRouteStore } from '../stores/route-store'
import { createRoomStore } from '../stores/room-store'
import type { ConnectionState } from '../client/war-room-client'
import { createStore } from 'zustand/vanilla'

/** This window's client and stores, made once at start-up. Views read them through the hooks below. */
export const client = connect()
export const identityStore = createIdentityStore(window.localStorage)
export const releasesStore = createReleasesStore(client)
export const routeStore = createRouteStore(window)
export const roomStore = createRoomStore(client)
export const connectionStore = createStore<{ state: ConnectionState }>()(() => ({ state: 'connecting' }))
client.onConnection((state) => connectionStore.setState({ state }))

export const useIdentity = <T>(select: (s: ReturnType<typeof identityStore.getState>) => T) => useStore(identityStore, select)
export const useReleases = <T>(select: (s: ReturnType<typeof releasesStore.getState>) => T) => useStore(releasesStore, select)
export const useRoute = () => useStore(routeStore, (s) => s.route)
export const useConnection = () => useStore(connectionStore, (s) => s.state)
export const useRoom = <T>(select: (s: ReturnType<typeof roomStore.getState>) => T) => useStore(roomStore, select)
