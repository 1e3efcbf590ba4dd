import type { Db } from '../store/database'

/** The live-health feature's stores, created once per connection. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SignalStores {}

export function createSignalStores(_db: Db): SignalStores {
  return {}
}
