/** Events the live-health feature adds to the stream (new samples, signal state changes). */
export type SignalEventBody = never
