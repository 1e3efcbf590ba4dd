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

/** Every store over one connection, each preparing its statements once. */
export function createStores(db: Db): Stores {
  return {
    releases: new ReleaseStore(db),
    checklist: new ChecklistStore(db),
    votes: new VoteStore(db),
    timeline: new TimelineStore(db),
    templates: new TemplateStore(db),
    closure: new ClosureStore(db),
    secrets: new SecretStore(db),
    ...createRolloutStores(db),
    ...createSignalStores(db)
  }
}
