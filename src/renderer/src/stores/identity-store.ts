import { createStore } from 'zustand/vanilla'
import { persist, createJSONStorage, type StateStorage } from 'zustand/middleware'
import { actorSchema, type Actor } from '../../../shared/roles'

export interface IdentityState {
  actor: Actor | null
  setActor(actor: Actor): void
  forget(): void
}

/**
 * Who is at this client. Remembered in this client's storage (each browser or desktop install keeps its own),
 * and checked against the same schema the host uses, so a stale or hand-edited value asks again.
 */
export function createIdentityStore(storage: StateStorage) {
  return createStore<IdentityState>()(
    persist(
      (set) => ({
        actor: null,
        setActor: (actor) => set({ actor: actorSchema.parse(actor) }),
        forget: () => set({ actor: null })
      }),
      {
        name: 'warroom.identity',
        storage: createJSONStorage(() => storage),
        partialize: (s) => ({ actor: s.actor }),
        merge: (persisted, current) => {
          const parsed = actorSchema.safeParse((persisted as { actor?: unknown } | undefined)?.actor)
          return { ...current, actor: parsed.success ? parsed.data : null }
        }
      }
    )
  )
}

export type IdentityStore = ReturnType<typeof createIdentityStore>
