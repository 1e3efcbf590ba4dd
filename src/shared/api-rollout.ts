import type { MethodSpec } from './api-fields'

/** Staged rollout, incidents and the rollback decision (issue: staged rollout and the decision tree). */
export const rolloutApi = {} as const satisfies Record<string, MethodSpec>

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RolloutResults {}
