import type { WarRoom } from './war-room'
import { startRolloutService } from './rollout/rollout-service'
import { startSignalService } from './signals/signal-service'
import { startBackupService } from './store/backup-service'
import { startUpdateService } from './updates/update-service'
import { startOutcomeService } from './review/outcome-service'
import type { SecretCipher } from './secrets/secret-cipher'
import { attachSecrets, readerWithSecrets } from './secrets/secret-lookup'

export interface RoomServiceOptions {
  /** The desktop app's safeStorage. The browser host passes none: it stores no credentials and reads the environment. */
  cipher?: SecretCipher
}

/**
 * The background work a running war room does besides answering calls (soak timers, deadline announcements, the
 * monitoring poller). Both hosts start it after opening the room; tests that want a quiet room do not. Each
 * service stops itself through room.onClose.
 */
export async function startRoomServices(room: WarRoom, options: RoomServiceOptions = {}): Promise<void> {
  const secrets = attachSecrets(room, options.cipher)
  await startSignalService(room, readerWithSecrets({ clock: room.clock, secrets }))
  await startRolloutService(room)
  startBackupService(room)
  startUpdateService(room)
  startOutcomeService(room)
}
