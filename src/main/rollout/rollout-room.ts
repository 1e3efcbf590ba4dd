import type { HandlerContext } from '../api/handler-context'
import type { RolloutRoomPart } from '../../shared/room-rollout'

/** The rollout's part of the one read a client needs. */
export function readRolloutPart(_ctx: HandlerContext, _releaseId: string): RolloutRoomPart {
  return {}
}
