import type { HandlerContext } from '../api/handler-context'
import type { SignalRoomPart } from '../../shared/room-signals'

/** Live health's part of the one read a client needs. */
export function readSignalPart(_ctx: HandlerContext, _releaseId: string): SignalRoomPart {
  return {}
}
