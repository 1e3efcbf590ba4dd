import type { Db } from '../store/database'
import { DemoStore } from './demo-store'
import { SampleStore } from './sample-store'
import { SignalStore } from './signal-store'

/** The live-health feature's stores, created once per connection. */
export interface SignalStores {
  signals: SignalStore
  samples: SampleStore
  demo: DemoStore
}

export function createSignalStores(db: Db): SignalStores {
  return { signals: new SignalStore(db), samples: new SampleStore(db), demo: new DemoStore(db) }
}
