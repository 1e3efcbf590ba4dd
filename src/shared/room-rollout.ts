/** What the rollout feature adds to `releases.get`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RolloutRoomPart {}
