import type { Actor } from './roles'
import type {
  DecisionAnswer,
  DecisionOutcome,
  DeploymentFigures,
  Incident,
  RollbackProcedure,
  RolloutPlan,
  RolloutState,
  RolloutTemplate
} from './rollout'

/** Where an incident's walk through the decision tree stands: the question to answer next, or the outcome reached. */
export type DecisionPositionView =
  | { kind: 'question'; nodeId: string; text: string; hint: string | null }
  | { kind: 'outcome'; nodeId: string; outcome: DecisionOutcome; text: string }

export interface IncidentView extends Incident {
  /** From the severity's response time in the release's trigger table; null for low ("fix in place" has no clock). */
  deadline: number | null
  /** Every answer given, in order, each with who, when and why: the path through the tree so far. */
  answers: DecisionAnswer[]
  position: DecisionPositionView
  resolvedBy: Actor | null
  resolution: string | null
  /** The values that opened it (a gate verdict, a breach's evidence). */
  data: Record<string, unknown>
}

export interface RolloutView {
  plan: RolloutPlan
  state: RolloutState
  /** The plan can be replaced: the release has not reached production and the rollout has not started. */
  editable: boolean
  /** The step the rollout is on; -1 once every step has passed or been skipped. */
  currentStepIndex: number
  /**
   * The triggers, decision tree, rollback procedure and targets this release uses. Copied from the defaults at first
   * use, so a later change to the defaults never moves a live release; `copied` is false until then.
   */
  template: RolloutTemplate
  copied: boolean
}

/** What the rollout feature adds to `releases.get`. */
export interface RolloutRoomPart {
  rollout: RolloutView
  /** Open incidents first (oldest first), then past ones (newest first). */
  incidents: IncidentView[]
  rollback: RollbackProcedure | null
  /** Measured at the moment of the read; a client ticks running figures on from `startedAt`. */
  figures: DeploymentFigures
}
