import { describe, expect, it } from 'vitest'
import type { StateStorage } from 'zustand/middleware'
import type { DomainEvent } from '../../src/shared/events'
import type { Release } from '../../src/shared/release'
import { createIdentityStore } from '../../src/renderer/src/stores/identity-store'
import { createReleasesStore } from '../../src/renderer/src/stores/releases-store'
import type { ConnectionState, WarRoomClient } from '../../src/renderer/src/client/war-room-client'

function memoryStorage(initial: Record<string, string> = {}): StateStorage & { data: Record<string, string> } {
  const data = { ...initial }
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v), removeItem: (k) => void delete data[k] }
}

describe('identity store', () => {
  it('remembers who is at this client', () => {
    const storage = memoryStorage()
    createIdentityStore(storage).getState().setActor({ name: 'Sam Lee', role: 'sre' })
    expect(createIdentityStore(storage).getState().actor).toEqual({ name: 'Sam Lee', role: 'sre' })
  })

  it('asks again when the remembered value is not a valid actor', () => {
    const storage = memoryStorage({ 'warroom.identity': JSON.stringify({ state: { actor: { name: 'x', role: 'ceo' } }, version: 0 }) })
    expect(createIdentityStore(storage).getState().actor).toBeNull()
  })
})

/** A client whose host is a list in memory: enough to check how the store folds calls and events together. */
function fakeClient(list: Release[]) {
  const listeners: ((e: DomainEvent) => void)[] = []
  const connection: ((s: ConnectionState) => void)[] = []
  const client: WarRoomClient = {
    transport: 'http',
    call: (async (method: string) => {
      if (method === 'releases.list') return list
      throw new Error(method)
    }) as WarRoomClient['call'],
    subscribe: (l) => (listeners.push(l), () => undefined),
    onConnection: (l) => (connection.push(l), () => undefined)
  }
  return { client, push: (e: DomainEvent) => listeners.forEach((l) => l(e)), connect: () => connection.forEach((l) => l('live')) }
}

describe('releases store', () => {
  const r = (id: string, createdAt: string) =>
    ({ id, createdAt, title: id, service: 's', version: '1', environment: 'p', strategy: 'canary', owner: 'o', status: 'planning', windowStart: null, windowEnd: null, createdBy: { name: 'n', role: 'sre' }, updatedAt: createdAt }) as Release

  it('loads the list when the connection goes live, then follows events', async () => {
    const f = fakeClient([r('a', '2026-01-01')])
    const store = createReleasesStore(f.client)
    f.connect()
    await new Promise((resolve) => store.subscribe(resolve))
    expect(store.getState()).toMatchObject({ loaded: true, releases: [{ id: 'a' }] })
    f.push({ type: 'release.created', release: r('b', '2026-01-02'), seq: 1, at: '' })
    expect(store.getState().releases.map((x) => x.id)).toEqual(['b', 'a'])
  })
})
