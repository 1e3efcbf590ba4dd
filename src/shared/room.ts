import type { Release } from './release'
import type { ChecklistItem, GateState, Vote } from './runbook'

/**
 * The war room's whole state for one release, in one answer, so a client that (re)connects catches up with one
 * call. Later features add their parts here (rollout, incidents, signals).
 */
export interface Room {
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
