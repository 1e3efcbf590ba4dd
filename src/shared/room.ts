import type { Release } from './release'
import type { ChecklistItem, GateState, Vote } from './runbook'
import type { RolloutRoomPart } from './room-rollout'
import type { SignalRoomPart } from './room-signals'
import type { ClosureRoomPart } from './closure'
import type { UpdatesRoomPart } from './updates'

/**
 * The war room's whole state for one release, in one answer, so a client that (re)connects catches up with one
 * call. Later features add their parts here (rollout, incidents, signals).
 */
export interface Room extends RolloutRoomPart, SignalRoomPart, ClosureRoomPart, UpdatesRoomPart {
  release: Release
  checklist: ChecklistItem[]
  gates: GateState[]
  /** Every vote ever cast, superseded ones included, oldest first. */
  votes: Vote[]
  timeline: { count: number; headHash: string }
}

export interface ExportedFile {
  filename: string
  contentType: string
  content: string
}
