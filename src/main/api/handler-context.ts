import type { DomainEventBody } from '../../shared/events'
import type { Clock } from '../clock'
import type { Db } from '../store/database'
import type { ReleaseStore } from '../release/release-store'
import type { ChecklistStore } from '../runbook/checklist-store'
import type { VoteStore } from '../runbook/vote-store'
import type { TemplateStore } from '../runbook/template-store'
import type { TimelineStore } from '../timeline/timeline-store'
import type { RolloutStores } from '../rollout/rollout-stores'
import type { SignalStores } from '../signals/signal-stores'
import type { ClosureStore } from '../closure/closure-store'
import type { SecretStore } from '../secrets/secret-store'

export interface Stores extends RolloutStores, SignalStores {
  releases: ReleaseStore
  checklist: ChecklistStore
  votes: VoteStore
  timeline: TimelineStore
  templates: TemplateStore
  closure: ClosureStore
  secrets: SecretStore
}

/** What a handler may touch. Events are queued here and published only after the call's transaction commits. */
export interface HandlerContext extends Stores {
  db: Db
  clock: Clock
  emit(event: DomainEventBody): void
}

