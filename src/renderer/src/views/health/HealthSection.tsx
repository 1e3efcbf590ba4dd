import type { Room } from '../../../../shared/room'

/** Filled in by the live-health feature. */
export function HealthSection(_props: { room: Room }) {
  return null
}
