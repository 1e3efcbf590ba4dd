import type { Clock } from '../clock'

/** An opaque handle, so real Node timers and manual ones can stand behind the same interface. */
export type TimerHandle = object

/**
 * Timer functions are injected, like the clock, so the poller's schedule, request timeouts and backoff can be driven
 * step by step in tests and in a benchmark without waiting on wall time.
 */
export interface Timers {
  setTimeout(callback: () => void, delayMs: number): TimerHandle
  clearTimeout(handle: TimerHandle): void
}

export const realTimers: Timers = {
  setTimeout: (callback, delayMs) => {
    const handle = setTimeout(callback, Math.max(0, delayMs))
    // Monitoring must never be the reason the process stays up after everything else has shut down.
    handle.unref()
    return handle
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout)
}

export interface ManualTimers extends Timers {
  /** How many timers are waiting to fire. */
  pending(): number
  /** When the next timer is due, or undefined when none is waiting. */
  nextDueAt(): number | undefined
  /** Fires every timer due at the clock's current time, including ones those callbacks schedule for now. */
  runDue(): void
  /** Moves the clock forward, stopping at each timer's due time to fire it, then lands exactly `ms` later. */
  advance(ms: number): void
}

interface ManualTimer {
  dueAt: number
  seq: number
  callback: () => void
}

/**
 * Timers a test fires by moving a manual clock. Timers due at the same instant fire in the order they were set, as
 * Node's do.
 */
export function manualTimers(clock: Clock & { set(ms: number): void }): ManualTimers {
  const waiting = new Map<object, ManualTimer>()
  let seq = 0

  const next = (): [object, ManualTimer] | undefined => {
    let best: [object, ManualTimer] | undefined
    for (const entry of waiting) {
      if (!best || entry[1].dueAt < best[1].dueAt || (entry[1].dueAt === best[1].dueAt && entry[1].seq < best[1].seq)) best = entry
    }
    return best
  }

  const fireUpTo = (limit: number) => {
    for (let entry = next(); entry && entry[1].dueAt <= limit; entry = next()) {
      waiting.delete(entry[0])
      if (entry[1].dueAt > clock.now()) clock.set(entry[1].dueAt)
      entry[1].callback()
    }
  }

  return {
    setTimeout(callback, delayMs) {
      const handle = {}
      waiting.set(handle, { dueAt: clock.now() + Math.max(0, delayMs), seq: seq++, callback })
      return handle
    },
    clearTimeout(handle) {
      waiting.delete(handle)
    },
    pending: () => waiting.size,
    nextDueAt: () => next()?.[1].dueAt,
    runDue: () => fireUpTo(clock.now()),
    advance(ms) {
      const target = clock.now() + ms
      fireUpTo(target)
      clock.set(target)
    }
  }
}
