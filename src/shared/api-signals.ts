import type { MethodSpec } from './api-fields'

/** Signals on a release and their samples (issue: live health). */
export const signalsApi = {} as const satisfies Record<string, MethodSpec>

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SignalResults {}
