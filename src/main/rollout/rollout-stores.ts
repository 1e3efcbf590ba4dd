import type { Db } from '../store/database'

/** The rollout feature's stores, created once per connection. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RolloutStores {}

export function createRolloutStores(_db: Db): RolloutStores {
  return {}
}
