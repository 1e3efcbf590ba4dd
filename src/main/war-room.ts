import { systemClock, type Clock } from './clock'
import { EventBus } from './api/event-bus'
import { createDispatch, type Dispatch } from './api/dispatch'
import { openDatabase, schemaVersionOf, type Db, type OpenOptions } from './store/database'
import { createStores } from './api/stores'

export interface WarRoom {
  dispatch: Dispatch
  bus: EventBus
  db: Db
  schemaVersion: number
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
  const dispatch = createDispatch({ db, clock, ...createStores(db) }, bus)
  let closed = false
  return {
    dispatch,
    bus,
    db,
    schemaVersion: schemaVersionOf(db),
    close() {
      if (closed) return
      closed = true
      db.close()
    }
  }
}
