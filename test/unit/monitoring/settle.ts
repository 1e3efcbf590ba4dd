import type { Clock } from '../../../src/main/clock'
import type { ManualTimers } from '../../../src/main/monitoring/timers'

/**
 * Lets pending I/O callbacks and promise continuations run, without waiting on a timer: one turn of the event loop
 * per step, so a socket event that has arrived gets handled.
 */
export function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/**
 * Turns the event loop until `condition` holds. Bounded both in turns and in wall time, so a broken test fails
 * instead of hanging; it never sleeps on a timer.
 */
export async function until(condition: () => boolean, what: string, limitMs = 5000): Promise<void> {
  const deadline = performance.now() + limitMs
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`Gave up waiting for ${what} after ${limitMs} ms`)
    await turn()
  }
}

/**
 * Moves manual timers forward `ms`, one due instant at a time, letting promise continuations and I/O callbacks run
 * after each, as the real event loop would between timers.
 */
export async function drive(timers: ManualTimers, clock: Clock & { set(ms: number): void }, ms: number): Promise<void> {
  const target = clock.now() + ms
  for (;;) {
    await turn()
    const next = timers.nextDueAt()
    if (next === undefined || next > target) break
    timers.advance(Math.max(0, next - clock.now()))
  }
  clock.set(target)
  await turn()
}
