/** Time comes from here, so tests can move it without sleeping. */
export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

/** A clock a test sets by hand. */
export function manualClock(start = Date.parse('2026-01-20T10:00:00Z')): Clock & { advance(ms: number): void; set(ms: number): void } {
  let t = start
  return {
    now: () => t,
    advance: (ms) => {
      t += ms
    },
    set: (ms) => {
      t = ms
    }
  }
}
