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
import type { UpdateStore } from '../updates/update-store'
import type { HistoryStore } from '../history/history-store'
import type { ReportStore } from '../report/report-store'
import type { SignalStatsStore } from '../report/signal-stats-store'
import type { ReviewStore } from '../review/review-store'
import type { OutcomeSignalStore } from '../review/outcome-signal-store'

export interface Stores extends RolloutStores, SignalStores {
  releases: ReleaseStore
  checklist: ChecklistStore
  votes: VoteStore
  timeline: TimelineStore
  templates: TemplateStore
  closure: ClosureStore
  secrets: SecretStore
  updates: UpdateStore
  history: HistoryStore
  reports: ReportStore
  signalStats: SignalStatsStore
  reviews: ReviewStore
  outcomeSignals: OutcomeSignalStore
}

/** What a handler may touch. Events are queued here and published only after the call's transaction commits. */
export interface HandlerContext extends Stores {
  db: Db
  clock: Clock
  emit(event: DomainEventBody): void
}

