import type { WarRoom } from './war-room'

/** setTimeout and clearTimeout, injectable so tests move time by hand instead of sleeping. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const systemTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>)
}

/** Runs `work`, logging a failure under the loop's name instead of letting it leave: the next piece still runs. */
export function guard(name: string) {
  return <T>(what: string, work: () => T): T | undefined => {
    try {
      return work()
    } catch (e) {
      console.error(`${name}: ${what} failed`, e)
      return undefined
    }
  }
}

export interface DeadlineLoopSpec {
  /** Names the loop in its log lines: "rollout service". */
  name: string
  /** Does whatever is due now, each piece in its own transaction. */
  pass(): void
  /** The earliest persisted time something falls due, or null when nothing waits. */
  nextDueAt(): number | null
  /** Which timeline entries may have moved a due time, and so wake the loop. */
  wakesOn(kind: string): boolean
  timers?: Timers
  /**
   * The longest it sleeps before looking again. Due times are persisted, but a machine that slept or a clock that
   * jumped should not leave work waiting for hours; a minute bounds the error.
   */
  maxSleepMs?: number
  /**
   * A due time still past after a pass is work that failed (and was logged): wait `maxSleepMs` before trying again
   * rather than at once.
   */
  backOffOverdue?: boolean
}

export interface DeadlineLoop {
  /** Looks again now: for work finished outside a pass, such as an HTTP answer. */
  wake(): void
  readonly stopped: boolean
}

/**
 * The background loop of a service whose work falls due at persisted times: one timer for the earliest, so a restart
 * handles at once whatever fell due while the process was down, and every timeline entry that may move a due time
 * wakes it early. Wakes that arrive during a pass (its own commits publish entries) ask for one more pass. It stops
 * when the room closes.
 */
export function startDeadlineLoop(room: WarRoom, spec: DeadlineLoopSpec): DeadlineLoop {
  const timers = spec.timers ?? systemTimers
  const maxSleepMs = spec.maxSleepMs ?? 60_000
  const guarded = guard(spec.name)
  let timer: unknown = null
  let stopped = false
  let running = false
  let again = false

  const schedule = () => {
    if (timer !== null) timers.clearTimeout(timer)
    timer = null
    if (stopped) return
    const next = spec.nextDueAt()
    if (next === null) return
    const wait = next - room.clock.now()
    const delay = wait <= 0 && spec.backOffOverdue ? maxSleepMs : Math.min(Math.max(0, wait), maxSleepMs)
    timer = timers.setTimeout(() => {
      timer = null
      wake()
    }, delay)
  }

  function wake(): void {
    if (stopped) return
    if (running) {
      again = true
      return
    }
    running = true
    try {
      do {
        again = false
        guarded('a pass', spec.pass)
      } while (again && !stopped)
      guarded('scheduling', schedule)
    } finally {
      running = false
    }
  }

  const unsubscribe = room.bus.subscribe((event) => {
    if (event.type === 'timeline.appended' && spec.wakesOn(event.entry.kind)) wake()
  })
  room.onClose(() => {
    stopped = true
    unsubscribe()
    if (timer !== null) timers.clearTimeout(timer)
    timer = null
  })
  wake()
  return {
    wake,
    get stopped() {
      return stopped
    }
  }
}
