import type { WarRoom } from '../war-room'
import type { HandlerContext } from '../api/handler-context'
import type { DomainEventBody } from '../../shared/events'
import type { LiveSample } from '../../shared/events-signals'
import type { SignalStatus } from '../../shared/room-signals'
import type { BreachEvidence } from '../health/signal-evaluation'
import { Poller, type PollerOptions, type PollerStats, type PollResult, type PolledSignal } from '../monitoring/poller'
import { createSourceReader } from '../monitoring/source-reader'
import { realTimers, type TimerHandle, type Timers } from '../monitoring/timers'
import { openIncident } from '../rollout/incident-opener'
import { backfillFromEnv, PrometheusBackfill, type PrometheusBackfillOptions } from './prometheus-backfill'
import { formatValue, recordSignal } from './signal-record'
import { sameStatus, WatchedSignal } from './signal-runtime'

const HOUR = 3_600_000
/** Rollups follow this far behind the present, past any poll still in flight. */
export const SUMMARY_LAG_MS = 2 * 60_000
/** The most time one retention step summarizes or drops for one signal. */
const SLICE_MS = 10 * 60_000
const MINUTE_ROW_COST = 60
/** Signals of one release polled at the same phase: a room's panels update in one frame. */
const PHASE_GROUP_SIZE = 24

export interface RetentionPolicy {
  /** Raw samples younger than this are kept as read. 48 hours by default (WARROOM_RAW_RETENTION_HOURS). */
  rawMs: number
  /** Per-minute rollups younger than this are kept. 30 days by default (WARROOM_ROLLUP_RETENTION_DAYS). */
  rollupMs: number
  /** How often the retention step runs. */
  everyMs: number
  /** Raw rows one step may fold or summarize, so a backlog never holds the main thread for long. */
  rowBudget: number
  /** How often live samples are settled from the recent table into the per-signal one. */
  settleEveryMs: number
  /** Signals settled per transaction: each is one short hold of the event loop. */
  settleSlice: number
}

export interface SignalServiceOptions {
  timers?: Timers
  retention?: Partial<RetentionPolicy>
  /** How often signals with no fresh reading are re-judged (and so turn stale). */
  sweepMs?: number
  poller?: Partial<Pick<PollerOptions, 'concurrency' | 'batchWindowMs' | 'backoff' | 'readerFor' | 'spread'>>
  log?: (message: string, error?: unknown) => void
  /** Fills a Prometheus signal's last hours from /api/v1/query_range when watching it starts; `false` turns it off. */
  backfill?: PrometheusBackfillOptions | false
}

export function retentionFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<RetentionPolicy> {
  const hours = Number(env.WARROOM_RAW_RETENTION_HOURS)
  const days = Number(env.WARROOM_ROLLUP_RETENTION_DAYS)
  return {
    ...(hours > 0 ? { rawMs: hours * HOUR } : {}),
    ...(days > 0 ? { rollupMs: days * 24 * HOUR } : {})
  }
}

/**
 * The monitoring poller and signal evaluation, run in the background: one Poller for the signals of every release
 * still in progress. Each batch of readings is written in one transaction through `room.transact` (samples, the row
 * of each signal whose state changed, breach entries, incidents), and announced after commit as one compact
 * `signal.samples` event per release. Definition changes reach it as timeline entries, after which it re-reads the
 * signals it should watch.
 */
export class SignalService {
  private readonly poller: Poller
  private readonly backfill?: PrometheusBackfill
  private readonly watched = new Map<string, WatchedSignal>()
  private readonly timers: Timers
  private readonly retention: RetentionPolicy
  private readonly log: (message: string, error?: unknown) => void
  private readonly unsubscribe: () => void
  private sweepTimer?: TimerHandle
  private retentionTimer?: TimerHandle
  private settleTimer?: TimerHandle
  private resyncTimer?: TimerHandle
  private retentionCursor = 0
  /** The minute in which each signal was last found with nothing to summarize or drop. */
  private readonly caughtUp = new Map<number, number>()
  private stopped = false

  constructor(
    private readonly room: WarRoom,
    private readonly options: SignalServiceOptions = {}
  ) {
    this.timers = options.timers ?? realTimers
    this.log = options.log ?? ((message, error) => console.error(`Release War Room signals: ${message}`, error ?? ''))
    this.retention = { rawMs: 48 * HOUR, rollupMs: 30 * 24 * HOUR, everyMs: 10_000, rowBudget: 20_000, settleEveryMs: 15_000, settleSlice: 500, ...options.retention }
    this.poller = new Poller({
      clock: room.clock,
      timers: this.timers,
      readerFor: options.poller?.readerFor ?? ((s: PolledSignal) => createSourceReader(s.source, { clock: room.clock, timers: this.timers })),
      onResults: (batch) => this.write(batch),
      onError: (error) => this.log('the poller reported an error', error),
      ...(options.poller?.concurrency ? { concurrency: options.poller.concurrency } : {}),
      ...(options.poller?.batchWindowMs ? { batchWindowMs: options.poller.batchWindowMs } : {}),
      ...(options.poller?.backoff ? { backoff: options.poller.backoff } : {}),
      ...(options.poller?.spread ? { spread: true } : {})
    })
    if (options.backfill !== false) this.backfill = new PrometheusBackfill(room, options.backfill, { timers: this.timers, log: this.log })
    // Every definition change, and every release ending, is a timeline entry: re-read what to watch then.
    this.unsubscribe = room.bus.subscribe((event) => {
      if (event.type === 'timeline.appended' && /^(signal|release|rollout)\./.test(event.entry.kind)) this.scheduleResync()
    })
    this.resync()
    this.armSweep()
    this.armRetention()
    this.armSettle()
  }

  /** Signals polled now, by id. */
  watching(): string[] {
    return [...this.watched.keys()]
  }

  stats(): PollerStats {
    return this.poller.stats()
  }

  stop(): void {
    if (this.stopped) return
    this.stopped = true
    this.unsubscribe()
    this.poller.stop()
    this.backfill?.stop()
    for (const t of [this.sweepTimer, this.retentionTimer, this.settleTimer, this.resyncTimer]) if (t) this.timers.clearTimeout(t)
  }

  private scheduleResync(): void {
    if (this.stopped || this.resyncTimer) return
    this.resyncTimer = this.timers.setTimeout(() => {
      this.resyncTimer = undefined
      this.resync()
    }, 0)
  }

  /** Brings the poller in line with the database: new signals added, changed ones restarted, gone ones removed. */
  resync(): void {
    if (this.stopped) return
    try {
      const active = this.room.transact((ctx) => ctx.signals.active(), { writes: false })
      const seen = new Set<string>()
      for (const record of active) {
        seen.add(record.id)
        const current = this.watched.get(record.id)
        if (current && JSON.stringify(current.definition) === JSON.stringify(record.definition)) continue
        const polled = {
          id: record.id,
          source: record.definition.source,
          intervalMs: record.definition.intervalMs,
          timeoutMs: record.definition.timeoutMs,
          // A release's signals are read together, in groups small enough not to queue behind the concurrency cap for long.
          phaseGroup: `${record.releaseId}/${Math.floor((record.position - 1) / PHASE_GROUP_SIZE)}`
        }
        this.watched.set(record.id, new WatchedSignal(record))
        if (this.poller.has(record.id)) this.poller.update(polled)
        else this.poller.add(polled)
        this.backfill?.watch(record)
      }
      for (const id of [...this.watched.keys()]) {
        if (seen.has(id)) continue
        this.watched.delete(id)
        this.poller.remove(id)
        this.backfill?.forget(id)
      }
    } catch (error) {
      this.log('re-reading the signals to watch failed', error)
    }
  }

  private write(batch: PollResult[]): void {
    if (this.stopped) return
    const breaches: { watched: WatchedSignal; evidence: BreachEvidence }[] = []
    const recoveries: WatchedSignal[] = []
    const perRelease = new Map<string, { samples: LiveSample[]; states: SignalStatus[] }>()
    const rows: number[] = []
    this.room.transact((ctx) => {
      const now = this.room.clock.now()
      for (const result of batch) {
        const watched = this.watched.get(result.signalId)
        if (!watched) continue
        const taken = watched.take(result.reading, result.startedAt)
        const group = perRelease.get(watched.record.releaseId) ?? { samples: [], states: [] }
        perRelease.set(watched.record.releaseId, group)
        if (taken.sample) {
          rows.push(watched.record.sid, taken.sample.t, taken.sample.v)
          group.samples.push({ signalId: watched.record.id, t: taken.sample.t, v: taken.sample.v })
        }
        if (taken.began) breaches.push({ watched, evidence: taken.began })
        if (taken.ended) recoveries.push(watched)
        const status = watched.status(now)
        // The sample is the record of this reading; the row is written only when the state itself moved.
        if (watched.mustPersist(status)) ctx.signals.progress(watched.record.sid, watched.persist(status))
        watched.announced = status
        group.states.push(status)
      }
      ctx.samples.insertLive(rows)
      for (const { watched, evidence } of breaches) this.openBreach(ctx, watched, evidence)
      for (const watched of recoveries) this.noteRecovery(ctx, watched)
      for (const [releaseId, group] of perRelease) ctx.emit({ type: 'signal.samples', releaseId, samples: group.samples, states: group.states })
    })
  }

  /**
   * A sustained breach opens an incident with the signal's severity. The incident is opened in a savepoint: if the
   * rollout side refuses or fails, its partial writes and events are dropped, the breach is still recorded on the
   * timeline with why no incident opened, and the poller carries on.
   */
  private openBreach(ctx: HandlerContext, watched: WatchedSignal, evidence: BreachEvidence): void {
    const d = watched.definition
    let incident: { incidentId: string } | { error: string }
    const events: DomainEventBody[] = []
    try {
      const inner: HandlerContext = { ...ctx, emit: (e) => events.push(e) }
      incident = ctx.db.transaction(() =>
        openIncident(inner, {
          releaseId: watched.record.releaseId,
          severity: d.severity,
          summary: `${d.name}: ${describeEvidence(evidence, d.unit)}`,
          source: 'signal',
          data: { signalId: watched.record.id, signal: d.name, unit: d.unit, evidence }
        })
      )()
      for (const e of events) ctx.emit(e)
    } catch (error) {
      incident = { error: error instanceof Error ? error.message : String(error) }
      this.log(`could not open an incident for the breach of "${d.name}"`, error)
    }
    recordSignal(ctx, {
      releaseId: watched.record.releaseId,
      kind: 'signal.breach',
      actor: null,
      summary: `Sustained breach: ${d.name} ${describeEvidence(evidence, d.unit)}${'error' in incident ? ` (no incident opened: ${incident.error})` : ''}`,
      data: { signalId: watched.record.id, severity: d.severity, evidence, ...incident }
    })
  }

  private noteRecovery(ctx: HandlerContext, watched: WatchedSignal): void {
    const d = watched.definition
    const last = watched.lastSample
    recordSignal(ctx, {
      releaseId: watched.record.releaseId,
      kind: 'signal.recovered',
      actor: null,
      summary: `${d.name} is back inside its critical threshold${last ? ` (${formatValue(last.v, d.unit)})` : ''}`,
      data: { signalId: watched.record.id, sample: last ?? null }
    })
  }

  private armSweep(): void {
    if (this.stopped) return
    this.sweepTimer = this.timers.setTimeout(() => {
      this.sweep()
      this.armSweep()
    }, this.options.sweepMs ?? 2000)
  }

  /** Signals whose readings stopped coming turn stale here, since no poll result will ever say so. */
  sweep(): void {
    try {
      const now = this.room.clock.now()
      const changed: { watched: WatchedSignal; status: SignalStatus }[] = []
      for (const watched of this.watched.values()) {
        const status = watched.status(now)
        if (!sameStatus(status, watched.announced)) changed.push({ watched, status })
      }
      if (changed.length === 0) return
      this.room.transact((ctx) => {
        const perRelease = new Map<string, SignalStatus[]>()
        for (const { watched, status } of changed) {
          if (watched.mustPersist(status)) ctx.signals.progress(watched.record.sid, watched.persist(status))
          watched.announced = status
          perRelease.set(watched.record.releaseId, [...(perRelease.get(watched.record.releaseId) ?? []), status])
        }
        for (const [releaseId, states] of perRelease) ctx.emit({ type: 'signal.samples', releaseId, samples: [], states })
      })
    } catch (error) {
      this.log('re-judging stale signals failed', error)
    }
  }

  private armRetention(): void {
    if (this.stopped) return
    this.retentionTimer = this.timers.setTimeout(() => {
      this.applyRetention()
      this.armRetention()
    }, this.retention.everyMs)
  }

  /**
   * Keeps each signal's rollups a couple of minutes behind the present, drops raw samples past their age (only
   * minutes already summarized) and prunes old rollups, a budget of rows at a time.
   */
  applyRetention(): { folded: number; summarized: number } {
    let folded = 0
    let summarized = 0
    try {
      const now = this.room.clock.now()
      const sids = this.room.transact((ctx) => ctx.signals.allSids(), { writes: false })
      if (sids.length === 0) return { folded, summarized }
      // Each step visits the signals in turn from where the last one stopped, so a budget cut short never starves one.
      const start = this.retentionCursor
      const minute = Math.floor(now / 60_000) * 60_000
      const visited = this.room.transact((ctx) => {
        let n = 0
        // A minute row stands for about a minute of readings: counted so, a backlog of summaries respects the budget too.
        for (; n < sids.length && folded + MINUTE_ROW_COST * summarized < this.retention.rowBudget; n++) {
          const sid = sids[(start + n) % sids.length]
          // Horizons and cutoffs move a whole minute at a time: a signal found caught up has nothing more until the next.
          if (this.caughtUp.get(sid) === minute) continue
          // A backlog (the first run over an old database) is summarized slice after slice while the budget lasts.
          let more = true
          while (more && folded + MINUTE_ROW_COST * summarized < this.retention.rowBudget) {
            const step = ctx.samples.summarize(sid, now - SUMMARY_LAG_MS, SLICE_MS)
            summarized += step.rows
            more = step.more
          }
          const end = ctx.samples.foldEnd(sid, now - this.retention.rawMs, SLICE_MS)
          if (end !== null) {
            ctx.signals.keepLastValue(sid, end)
            folded += ctx.samples.fold(sid, end)
          }
          ctx.samples.pruneRollups(sid, now - this.retention.rollupMs)
          // Caught up when nothing is left to summarize and this drop (if any) reached the cutoff.
          if (!more && (end === null || ctx.samples.foldEnd(sid, now - this.retention.rawMs, SLICE_MS) === null)) this.caughtUp.set(sid, minute)
        }
        return n
      })
      this.retentionCursor = (start + visited) % sids.length
    } catch (error) {
      this.log('applying sample retention failed', error)
    }
    return { folded, summarized }
  }

  private armSettle(): void {
    if (this.stopped) return
    this.settleTimer = this.timers.setTimeout(() => this.settleFrom(0), this.retention.settleEveryMs)
  }

  /** One slice of signals settled per turn of the event loop, so a thousand signals never hold it at once. */
  private settleFrom(slice: number): void {
    if (this.stopped) return
    if (this.settleSlice(slice).more) this.settleTimer = this.timers.setTimeout(() => this.settleFrom(slice + 1), 0)
    else this.armSettle()
  }

  /** Every signal's live samples moved into the per-signal table now, slice by slice. Returns how many moved. */
  settle(): number {
    let moved = 0
    for (let slice = 0, more = true; more; slice++) {
      const step = this.settleSlice(slice)
      moved += step.moved
      more = step.more
    }
    return moved
  }

  /** Settles the `slice`-th group of signal keys, and says whether groups remain. */
  private settleSlice(slice: number): { moved: number; more: boolean } {
    try {
      const sids = this.room.transact((ctx) => ctx.signals.allSids(), { writes: false })
      const size = this.retention.settleSlice
      const first = slice * size
      if (first >= sids.length && slice > 0) return { moved: 0, more: false }
      // The first and last slices reach past the known keys, so rows of a signal deleted meanwhile are not stranded.
      const from = slice === 0 ? 0 : sids[first]
      const last = first + size >= sids.length
      const to = last ? Number.MAX_SAFE_INTEGER : sids[first + size] - 1
      return { moved: this.room.transact((ctx) => ctx.samples.settle(from, to)), more: !last }
    } catch (error) {
      this.log('settling live samples failed', error)
      return { moved: 0, more: false }
    }
  }
}

function describeEvidence(e: BreachEvidence, unit: string): string {
  const side = e.direction === 'above' ? '≥' : '≤'
  const span = e.rule.kind === 'consecutive' ? `${e.count} samples in a row` : `${Math.round((e.at - e.since) / 1000)} s (${e.count} samples)`
  return `${side} ${formatValue(e.threshold, unit)} for ${span}, worst ${formatValue(e.worst, unit)}`
}

let running: SignalService | undefined

/** The service the hosts started, for the demo link and diagnostics. */
export function runningSignalService(): SignalService | undefined {
  return running
}

/** The monitoring poller and signal evaluation, run in the background. `readerFor` carries the host's credential lookup. */
export async function startSignalService(room: WarRoom, readerFor?: PollerOptions['readerFor']): Promise<void> {
  const service = new SignalService(room, { retention: retentionFromEnv(), backfill: backfillFromEnv(), poller: { spread: true, ...(readerFor ? { readerFor } : {}) } })
  running = service
  room.onClose(() => {
    service.stop()
    if (running === service) running = undefined
  })
}
