import type { WarRoom } from './war-room'
import { startRolloutService } from './rollout/rollout-service'
import { startSignalService } from './signals/signal-service'
import { startBackupService } from './store/backup-service'

/**
 * The background work a running war room does besides answering calls (soak timers, deadline announcements, the
 * monitoring poller). Both hosts start it after opening the room; tests that want a quiet room do not. Each
 * service stops itself through room.onClose.
 */
export async function startRoomServices(room: WarRoom): Promise<void> {
  await startSignalService(room)
  await startRolloutService(room)
  startBackupService(room)
}
