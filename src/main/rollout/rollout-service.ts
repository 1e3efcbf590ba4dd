import type { WarRoom } from '../war-room'

/** Soak timers, step actions and deadline announcements, run in the background. */
export async function startRolloutService(_room: WarRoom): Promise<void> {}
