import type { WarRoom } from '../war-room'
import type { Timers } from '../rollout/rollout-service'
import type { StoredLink } from './outcome-signal-store'
import { nextWindowEnd, settleLink } from './outcome-settle'

export interface OutcomeServiceOptions {
  timers?: Timers
  /** The longest it sleeps before looking again, so a machine that slept or a clock that jumped is caught up soon. */
  maxSleepMs?: number
}

const systemTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>)
}

/**
 * Reads success criteria linked to a signal when their validation window ends. One timer is set for the earliest
 * window end, from persisted times, so a restart settles at once whatever ended while the process was down; a
 * release moving stage (which may cut a window short) wakes it. Each criterion is settled in its own transaction, so
 * one failure leaves the others to be read.
 */
export function startOutcomeService(room: WarRoom, options: OutcomeServiceOptions = {}): void {
  const timers = options.timers ?? systemTimers
  const maxSleepMs = options.maxSleepMs ?? 60_000
  let timer: unknown = null
  let stopped = false
  let running = false

  const guarded = <T>(what: string, work: () => T): T | undefined => {
    try {
      return work()
    } catch (e) {
      console.error(`outcome service: ${what} failed`, e)
      return undefined
    }
  }

  function pass(): void {
    const now = room.clock.now()
    const links = guarded('listing links', () => room.transact((ctx) => ctx.outcomeSignals.unsettled(), { writes: false })) ?? []
    for (const link of links as StoredLink[]) {
      guarded(`reading criterion ${link.criterion} of ${link.releaseId}`, () => room.transact((ctx) => settleLink(ctx, link, now)))
    }
  }

  function schedule(): void {
    if (timer !== null) timers.clearTimeout(timer)
    timer = null
    if (stopped) return
    const next = guarded('planning', () => room.transact((ctx) => nextWindowEnd(ctx, room.clock.now()), { writes: false }))
    if (next === null || next === undefined) return
    // A window already over after a pass is one whose reading failed (logged): try again later, not in a tight loop.
    const wait = next - room.clock.now()
    const delay = wait <= 0 ? maxSleepMs : Math.min(wait, maxSleepMs)
    timer = timers.setTimeout(() => {
      timer = null
      wake()
    }, delay)
  }

  function wake(): void {
    // Its own commits publish events; those arrive while it runs and need no second pass.
    if (stopped || running) return
    running = true
    try {
      pass()
      schedule()
    } finally {
      running = false
    }
  }

  const unsubscribe = room.bus.subscribe((event) => {
    if (event.type !== 'timeline.appended') return
    const kind = event.entry.kind
    if (kind === 'release.stage-changed' || kind === 'release.aborted' || kind === 'release.rolled-back' || kind === 'outcome.signal-set') wake()
  })
  room.onClose(() => {
    stopped = true
    unsubscribe()
    if (timer !== null) timers.clearTimeout(timer)
    timer = null
  })
  wake()
}
