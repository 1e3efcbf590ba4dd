import type { WarRoom } from '../war-room'
import { guard, startDeadlineLoop, type Timers } from '../deadline-loop'
import type { StoredLink } from './outcome-signal-store'
import { nextWindowEnd, settleLink } from './outcome-settle'

export interface OutcomeServiceOptions {
  timers?: Timers
  /** The longest it sleeps before looking again, so a machine that slept or a clock that jumped is caught up soon. */
  maxSleepMs?: number
}

/**
 * Reads success criteria linked to a signal when their validation window ends. The loop's timer is set for the
 * earliest window end, from persisted times, so a restart settles at once whatever ended while the process was down;
 * a release moving stage (which may cut a window short) wakes it. Each criterion is settled in its own transaction, so
 * one failure leaves the others to be read, and one whose reading failed is tried again after the longest sleep.
 */
export function startOutcomeService(room: WarRoom, options: OutcomeServiceOptions = {}): void {
  const guarded = guard('outcome service')
  startDeadlineLoop(room, {
    name: 'outcome service',
    pass() {
      const now = room.clock.now()
      const links = guarded('listing links', () => room.transact((ctx) => ctx.outcomeSignals.unsettled(), { writes: false })) ?? []
      for (const link of links as StoredLink[]) {
        guarded(`reading criterion ${link.criterion} of ${link.releaseId}`, () => room.transact((ctx) => settleLink(ctx, link, now)))
      }
    },
    nextDueAt: () => room.transact((ctx) => nextWindowEnd(ctx, room.clock.now()), { writes: false }),
    wakesOn: (kind) => kind === 'release.stage-changed' || kind === 'release.aborted' || kind === 'release.rolled-back' || kind === 'outcome.signal-set',
    backOffOverdue: true,
    ...(options.timers ? { timers: options.timers } : {}),
    ...(options.maxSleepMs ? { maxSleepMs: options.maxSleepMs } : {})
  })
}
