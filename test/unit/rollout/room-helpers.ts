import type { Room } from '../../../src/shared/room'
import type { DomainEvent } from '../../../src/shared/events'
import type { WarRoom } from '../../../src/main/war-room'
import type { Timers } from '../../../src/main/deadline-loop'

/** The people of a deployment window, and calls through the room's one dispatch, for rollout integration tests. */

export { people, type RoleKey } from '../../support/advance'
import { advanceTo as advanceRoomTo } from '../../support/advance'

export function caller(room: () => WarRoom) {
  function call<T>(method: string, input: unknown): T {
    const out = room().dispatch(method, input)
    if (!out.ok) throw Object.assign(new Error(`${method}: ${out.error.message}`), { error: out.error })
    return out.value as T
  }
  function refusal(method: string, input: unknown) {
    const out = room().dispatch(method, input)
    if (out.ok) throw new Error(`${method} was accepted`)
    return out.error
  }
  const get = (releaseId: string) => call<Room>('releases.get', { releaseId })
  return { call, refusal, get }
}

/** Ticks every item of the gates up to `to` by its owner, votes go from every approver, and advances to `to`. */
export function advanceTo(room: () => WarRoom, releaseId: string, to: Parameters<typeof advanceRoomTo>[2]): void {
  advanceRoomTo(room(), releaseId, to)
}

/** Timers driven by the test's manual clock: `advance` moves the clock and runs whatever fell due, in order. */
export function fakeTimers(clock: { now(): number; advance(ms: number): void }) {
  let nextId = 1
  const pending = new Map<number, { at: number; fn: () => void }>()
  const timers: Timers = {
    setTimeout(fn, ms) {
      const id = nextId++
      pending.set(id, { at: clock.now() + ms, fn })
      return id
    },
    clearTimeout(handle) {
      pending.delete(handle as number)
    }
  }
  return {
    timers,
    /** The delay of the one timer the service keeps, or null when none is set. */
    nextDelay(): number | null {
      const ats = [...pending.values()].map((p) => p.at - clock.now())
      return ats.length ? Math.min(...ats) : null
    },
    advance(ms: number) {
      const end = clock.now() + ms
      for (;;) {
        const due = [...pending.entries()].filter(([, p]) => p.at <= end).sort((a, b) => a[1].at - b[1].at)[0]
        if (!due) break
        pending.delete(due[0])
        clock.advance(Math.max(0, due[1].at - clock.now()))
        due[1].fn()
      }
      clock.advance(Math.max(0, end - clock.now()))
    }
  }
}

/** Resolves on the first event that matches, already seen or still to come; rejects at its deadline. */
export function events(room: WarRoom) {
  const seen: DomainEvent[] = []
  const waiters: { match: (e: DomainEvent) => boolean; resolve: (e: DomainEvent) => void }[] = []
  const stop = room.bus.subscribe((e) => {
    seen.push(e)
    for (const w of [...waiters]) {
      if (w.match(e)) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve(e)
      }
    }
  })
  return {
    seen,
    stop,
    next(match: (e: DomainEvent) => boolean, timeoutMs = 3000): Promise<DomainEvent> {
      const found = seen.find(match)
      if (found) return Promise.resolve(found)
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms`)), timeoutMs)
        waiters.push({ match, resolve: (e) => (clearTimeout(t), resolve(e)) })
      })
    }
  }
}

export const threeSteps = (soak = 60) => ({
  strategy: 'canary' as const,
  steps: [
    { id: 'canary-5', label: '5% of traffic', trafficPercent: 5, soakSeconds: soak, gate: 'health' as const },
    { id: 'canary-25', label: '25% of traffic', trafficPercent: 25, soakSeconds: soak, gate: 'health' as const },
    { id: 'canary-100', label: '100% of traffic', trafficPercent: 100, soakSeconds: soak, gate: 'health' as const }
  ]
})
