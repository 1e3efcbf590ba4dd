import type { DomainEventBody } from '../../shared/events'
import type { Clock } from '../clock'
import type { Db } from '../store/database'
import type { ReleaseStore } from '../release/release-store'

/** What a handler may touch. Events are queued here and published only after the call's transaction commits. */
export interface HandlerContext {
  db: Db
  clock: Clock
  releases: ReleaseStore
  emit(event: DomainEventBody): void
}
