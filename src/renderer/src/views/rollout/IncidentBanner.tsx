import type { Room } from '../../../../shared/room'

/** Filled in by the rollout feature. */
export function IncidentBanner(_props: { room: Room }) {
  return null
}
