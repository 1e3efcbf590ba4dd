import type { MethodName, ParsedInput, Result } from '../../shared/api'
import type { HandlerContext } from './handler-context'
import { releaseHandlers } from '../release/release-handlers'
import { checklistHandlers } from '../runbook/checklist-handlers'
import { voteHandlers } from '../runbook/vote-handlers'
import { templateHandlers } from '../runbook/template-handlers'
import { timelineHandlers } from '../timeline/timeline-handlers'
import { rolloutHandlers } from '../rollout/rollout-handlers'
import { signalHandlers } from '../signals/signal-handlers'
import { backupHandlers } from '../store/backup-handlers'
import { closureHandlers } from '../closure/closure-handlers'
import { secretHandlers } from '../secrets/secret-handlers'
import { updateHandlers } from '../updates/update-handlers'
import { historyHandlers } from '../history/history-handlers'
import { reportHandlers } from '../report/report-handlers'
import { reviewHandlers } from '../review/review-handlers'

export type Handler<M extends MethodName> = (input: ParsedInput<M>, ctx: HandlerContext) => Result<M>
export type HandlerTable = { [M in MethodName]: Handler<M> }

/** The one handler table both hosts serve. A method missing here is a compile error. */
export const handlers = {
  ...releaseHandlers,
  ...checklistHandlers,
  ...voteHandlers,
  ...timelineHandlers,
  ...templateHandlers,
  ...rolloutHandlers,
  ...signalHandlers,
  ...backupHandlers,
  ...closureHandlers,
  ...secretHandlers,
  ...updateHandlers,
  ...historyHandlers,
  ...reportHandlers,
  ...reviewHandlers
} satisfies HandlerTable
