import type { Room } from '../../../../shared/room'

/** Filled in by the live-health feature. */
export function HealthStrip(_props: { room: Room }) {
  return null
}
