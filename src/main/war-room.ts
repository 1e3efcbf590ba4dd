import { systemClock, type Clock } from './clock'
import { EventBus } from './api/event-bus'
import { createDispatch, createTransact, type Dispatch, type Transact } from './api/dispatch'
import { openDatabase, schemaVersionOf, type Db, type OpenOptions } from './store/database'
import { createStores } from './api/stores'
import type { Stores } from './api/handler-context'

export interface WarRoom {
  dispatch: Dispatch
  /** For background services (soak timers, the poller): the same transaction-and-publish path calls take. */
  transact: Transact
  bus: EventBus
  db: Db
  clock: Clock
  stores: Stores
  schemaVersion: number
  /** Registers something to stop before the database closes. */
  onClose(stop: () => void): void
  close(): void
}

export interface WarRoomOptions extends OpenOptions {
  dbPath: string
  clock?: Clock
}

/** Everything the hosts serve, assembled once: the store, the handler table behind one dispatch, and the event bus. */
export function openWarRoom(options: WarRoomOptions): WarRoom {
  const clock = options.clock ?? systemClock
  const db = openDatabase(options.dbPath, options)
  const bus = new EventBus(clock)
  const stores = createStores(db)
  const base = { db, clock, ...stores }
  const transact = createTransact(base, bus)
  const dispatch = createDispatch(base, bus, undefined, transact)
  const stops: (() => void)[] = []
  let closed = false
  return {
    dispatch,
    transact,
    bus,
    db,
    clock,
    stores,
    schemaVersion: schemaVersionOf(db),
    onClose: (stop) => stops.push(stop),
    close() {
      if (closed) return
      closed = true
      for (const stop of stops.reverse()) {
        try {
          stop()
        } catch (e) {
          console.error('stopping a service failed', e)
        }
      }
      db.close()
    }
  }
}
