import type { DemoView, SignalStatus } from './room-signals'

/** One new reading, compact: a 1-second poll of many signals must not flood the stream. */
export interface LiveSample {
  signalId: string
  t: number
  v: number
}

/**
 * Events the live-health feature adds to the stream. One `signal.samples` per release per poll batch carries the new
 * readings and the status of every signal polled in it, so open clients draw without refetching. Definition changes,
 * breaches and recoveries are timeline entries (which make clients refetch the room).
 */
export type SignalEventBody =
  | { type: 'signal.samples'; releaseId: string; samples: LiveSample[]; states: SignalStatus[] }
  | { type: 'signal.demo'; releaseId: string; demo: DemoView }
