import type { WarRoom } from '../war-room'

/** The monitoring poller and signal evaluation, run in the background. */
export async function startSignalService(_room: WarRoom): Promise<void> {}
