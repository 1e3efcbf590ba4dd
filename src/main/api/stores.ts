import type { Db } from '../store/database'
import type { Stores } from './handler-context'
import { ReleaseStore } from '../release/release-store'
import { ChecklistStore } from '../runbook/checklist-store'
import { VoteStore } from '../runbook/vote-store'
import { TemplateStore } from '../runbook/template-store'
import { TimelineStore } from '../timeline/timeline-store'
import { createRolloutStores } from '../rollout/rollout-stores'
import { createSignalStores } from '../signals/signal-stores'
import { ClosureStore } from '../closure/closure-store'
import { SecretStore } from '../secrets/secret-store'
import { UpdateStore } from '../updates/update-store'
import { HistoryStore } from '../history/history-store'
import { ReportStore } from '../report/report-store'
import { SignalStatsStore } from '../report/signal-stats-store'
import { ReviewStore } from '../review/review-store'
import { OutcomeSignalStore } from '../review/outcome-signal-store'

/** Every store over one connection, each preparing its statements once. */
export function createStores(db: Db): Stores {
  const signalStores = createSignalStores(db)
  return {
    releases: new ReleaseStore(db),
    checklist: new ChecklistStore(db),
    votes: new VoteStore(db),
    timeline: new TimelineStore(db),
    templates: new TemplateStore(db),
    closure: new ClosureStore(db),
    secrets: new SecretStore(db),
    updates: new UpdateStore(db),
    history: new HistoryStore(db),
    reports: new ReportStore(db),
    signalStats: new SignalStatsStore(db, signalStores.samples),
    reviews: new ReviewStore(db),
    outcomeSignals: new OutcomeSignalStore(db),
    ...createRolloutStores(db),
    ...signalStores
  }
}
