import type { WarRoom } from './war-room'

/**
 * The background work a running war room does besides answering calls (soak timers, deadline announcements, the
 * monitoring poller). Both hosts start it after opening the room; tests that want a quiet room do not.
 */
export async function startRoomServices(_room: WarRoom): Promise<void> {
  // Features register their services here; each stops itself through room.onClose.
}
