/** Handlers for the rollout methods in src/shared/api-rollout.ts. */
export const rolloutHandlers = {}
