import type { WarRoomBridge } from '../../../shared/ipc'
import { createElectronClient } from './electron-client'
import { createHttpClient } from './http-client'
import type { WarRoomClient } from './war-room-client'

declare global {
  interface Window {
    warroom?: WarRoomBridge
  }
}

/** The desktop app's preload puts a bridge on `window.warroom`; in a browser there is none, so HTTP it is. */
export function connect(): WarRoomClient {
  return window.warroom ? createElectronClient(window.warroom) : createHttpClient()
}
