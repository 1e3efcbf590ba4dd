import type { WarRoomBridge } from '../../../shared/ipc'
import type { Result, MethodName } from '../../../shared/api'
import { ApiError, type WarRoomClient } from './war-room-client'

/** The desktop app's client over the preload bridge. IPC does not drop, so the connection is live from the start. */
export function createElectronClient(bridge: WarRoomBridge): WarRoomClient {
  return {
    transport: 'electron',
    async call(method, input) {
      const outcome = await bridge.invoke(method, input)
      if (!outcome.ok) throw new ApiError(outcome.error)
      return outcome.value as Result<typeof method & MethodName>
    },
    subscribe: (listener) => bridge.subscribe(listener),
    onConnection(listener) {
      queueMicrotask(() => listener('live'))
      return () => undefined
    }
  }
}
