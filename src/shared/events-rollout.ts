/** Events the rollout feature adds to the stream. Rollout changes are also timeline entries. */
export type RolloutEventBody = never
