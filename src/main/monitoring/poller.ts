import type { Clock } from '../clock'
import type { SignalSource } from '../../shared/signal'
import { DriftRecord, type DriftSummary } from './drift-record'
import type { Reading, SourceReader } from './reading'
import { realTimers, type TimerHandle, type Timers } from './timers'

/** What the poller needs of a signal; a stored signal with its id satisfies it. */
export interface PolledSignal {
  id: string
  source: SignalSource
  intervalMs: number
  timeoutMs: number
  /**
   * With `spread`, signals that share a phase group share a phase: the panels of one release are read together and
   * reach the room in one batch, rather than trickling in across the second. Defaults to the signal's own id.
   */
  phaseGroup?: string
}

export interface PollResult {
  signalId: string
  /** The instant on the signal's schedule this poll belongs to: origin + n × interval. */
  scheduledAt: number
  /** Later than `scheduledAt` when the concurrency cap made it wait, or the process was busy. */
  startedAt: number
  finishedAt: number
  reading: Reading
  /** Failed polls in a row, this one included; 0 after a success. */
  consecutiveFailures: number
  /** When this signal is next due; more than one interval away while it backs off. */
  nextAt: number
}

export interface BackoffPolicy {
  /** Each further failure in a row multiplies the wait by this. */
  factor: number
  /** The wait never grows past this (or past one interval, for signals polled less often than that). */
  maxMs: number
}

export interface PollerOptions {
  clock: Clock
  /** Receives each batch of results; write a batch in one transaction. Called again only with newer results. */
  onResults(results: PollResult[]): void
  readerFor(signal: PolledSignal): SourceReader
  timers?: Timers
  /** Polls running at once across all signals; more wait in a queue, oldest first. */
  concurrency?: number
  backoff?: Partial<BackoffPolicy>
  /**
   * A batch is delivered when every running poll has finished, or this long after its first result, whichever comes
   * first, so one hanging endpoint delays the others' samples by at most this much.
   */
  batchWindowMs?: number
  /** How long past a signal's own timeout the poller waits for a reader that ignores it, before recording a timeout. */
  graceMs?: number
  /** How many recent drift values the stats keep. */
  driftHistory?: number
  /**
   * Gives each signal a phase within its interval (from its phase group, else its id), on the wall clock, so a
   * thousand signals added together are not all due in the same millisecond every second, and a signal keeps its
   * phase across a restart or an edit. The first poll then comes within one interval instead of at once.
   */
  spread?: boolean
  /** Told about an exception from `onResults` (or a bug in the poller): nothing is ever thrown into the event loop. */
  onError?(error: unknown): void
}

export interface SignalPollStats {
  polls: number
  failures: number
  missedTicks: number
  consecutiveFailures: number
  nextAt: number
}

export interface PollerStats {
  /** Scheduler wake-ups that found at least one signal due. */
  ticks: number
  polls: number
  failures: number
  /** Due instants skipped because that signal's previous poll was still queued or running. */
  missedTicks: number
  /** Due instants passed over because the scheduler woke more than an interval late (a blocked event loop). */
  lateTicks: number
  /** Due instants skipped while a failing signal backed off. */
  backoffSkips: number
  inFlight: number
  queued: number
  maxInFlight: number
  /** Wake-up time minus the due time the scheduler was set for. */
  tickDrift: DriftSummary
  /** Poll start minus its scheduled instant, queue wait included. */
  startDrift: DriftSummary
  signals: Record<string, SignalPollStats>
}

export class PollerError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PollerError'
  }
}

interface Entry {
  signal: PolledSignal
  reader: SourceReader
  /** Schedule origin: due instants are origin + n × interval, so a slow poll never shifts later ones. */
  origin: number
  next: number
  lastScheduledAt: number
  /** Queued or running: a due instant that finds it so is missed, not stacked. */
  busy: boolean
  /** Bumped by update and remove, so a poll started for the old definition is discarded when it ends. */
  generation: number
  consecutiveFailures: number
  controller?: AbortController
  polls: number
  failures: number
  missedTicks: number
}

interface Job {
  entry: Entry
  generation: number
  scheduledAt: number
}

const DEFAULTS = { concurrency: 8, batchWindowMs: 100, graceMs: 250, driftHistory: 1000, backoff: { factor: 2, maxMs: 60_000 } }

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function isReading(value: unknown): value is Reading {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean'
}

export class Poller {
  private readonly clock: Clock
  private readonly timers: Timers
  private readonly concurrency: number
  private readonly batchWindowMs: number
  private readonly graceMs: number
  private readonly backoff: BackoffPolicy
  private readonly entries = new Map<string, Entry>()
  private readonly queue: Job[] = []
  private readonly guards = new Set<TimerHandle>()
  private pending: PollResult[] = []
  private wake: { handle: TimerHandle; dueAt: number } | undefined
  private flushTimer: TimerHandle | undefined
  private inFlight = 0
  private stopped = false
  private readonly counters = { ticks: 0, polls: 0, failures: 0, missedTicks: 0, lateTicks: 0, backoffSkips: 0, maxInFlight: 0 }
  private readonly tickDrift: DriftRecord
  private readonly startDrift: DriftRecord

  constructor(private readonly options: PollerOptions) {
    this.clock = options.clock
    this.timers = options.timers ?? realTimers
    this.concurrency = options.concurrency ?? DEFAULTS.concurrency
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) {
      throw new PollerError(`The poller's concurrency must be a whole number of at least 1, not ${this.concurrency}.`)
    }
    this.batchWindowMs = options.batchWindowMs ?? DEFAULTS.batchWindowMs
    this.graceMs = options.graceMs ?? DEFAULTS.graceMs
    this.backoff = { ...DEFAULTS.backoff, ...options.backoff }
    this.tickDrift = new DriftRecord(options.driftHistory ?? DEFAULTS.driftHistory)
    this.startDrift = new DriftRecord(options.driftHistory ?? DEFAULTS.driftHistory)
  }

  /** Starts polling a signal: the first poll is due at once, then one every interval from now. */
  add(signal: PolledSignal): void {
    if (this.stopped) throw new PollerError(`Signal "${signal.id}" cannot be added: the poller has been stopped. Start a new one.`)
    if (this.entries.has(signal.id)) throw new PollerError(`Signal "${signal.id}" is already being polled; use update to change it.`)
    const now = this.clock.now()
    this.entries.set(signal.id, {
      signal,
      reader: this.createReader(signal),
      origin: this.originFor(signal, now),
      next: 0,
      lastScheduledAt: now,
      busy: false,
      generation: 0,
      consecutiveFailures: 0,
      polls: 0,
      failures: 0,
      missedTicks: 0
    })
    this.arm()
  }

  /**
   * Changes a signal. A new source or interval restarts it (fresh reader, so no rate spans two definitions; first poll
   * at once); anything else, such as a new timeout, applies from the next poll.
   */
  update(signal: PolledSignal): void {
    const entry = this.entries.get(signal.id)
    if (!entry) throw new PollerError(`Signal "${signal.id}" is not being polled, so it cannot be updated; add it first.`)
    const restart = signal.intervalMs !== entry.signal.intervalMs || JSON.stringify(signal.source) !== JSON.stringify(entry.signal.source)
    entry.signal = signal
    if (!restart) return
    this.cancel(entry, 'the signal was changed while it was being polled')
    entry.reader = this.createReader(signal)
    entry.origin = this.originFor(signal, this.clock.now())
    entry.next = 0
    entry.lastScheduledAt = entry.origin
    entry.consecutiveFailures = 0
    this.arm()
  }

  /** When a signal's schedule starts: now, or with `spread` the next instant on its phase. */
  private originFor(signal: PolledSignal, now: number): number {
    if (!this.options.spread) return now
    const interval = Math.max(1, Math.floor(signal.intervalMs))
    const wait = (((phaseOf(signal.phaseGroup ?? signal.id, interval) - now) % interval) + interval) % interval
    return now + wait
  }

  /** Stops polling a signal. A poll of it still running is cancelled and its result dropped. */
  remove(id: string): boolean {
    const entry = this.entries.get(id)
    if (!entry) return false
    this.cancel(entry, 'the signal was removed while it was being polled')
    this.entries.delete(id)
    this.arm()
    return true
  }

  has(id: string): boolean {
    return this.entries.has(id)
  }

  /**
   * Stops for good: delivers the results already gathered, cancels running polls and drops whatever they return, and
   * leaves no timer behind, so the caller can close the database right after.
   */
  stop(): void {
    if (this.stopped) return
    this.flush()
    this.stopped = true
    for (const entry of this.entries.values()) this.cancel(entry, 'the poller was stopped')
    this.entries.clear()
    this.queue.length = 0
    if (this.wake) this.timers.clearTimeout(this.wake.handle)
    this.wake = undefined
    if (this.flushTimer !== undefined) this.timers.clearTimeout(this.flushTimer)
    this.flushTimer = undefined
    for (const guard of this.guards) this.timers.clearTimeout(guard)
    this.guards.clear()
  }

  stats(): PollerStats {
    const signals: Record<string, SignalPollStats> = {}
    for (const [id, e] of this.entries) {
      signals[id] = {
        polls: e.polls,
        failures: e.failures,
        missedTicks: e.missedTicks,
        consecutiveFailures: e.consecutiveFailures,
        nextAt: this.dueAt(e)
      }
    }
    return {
      ...this.counters,
      inFlight: this.inFlight,
      queued: this.queue.length,
      tickDrift: this.tickDrift.summary(),
      startDrift: this.startDrift.summary(),
      signals
    }
  }

  private createReader(signal: PolledSignal): SourceReader {
    try {
      return this.options.readerFor(signal)
    } catch (error) {
      const message = `the signal's source could not be set up (${describe(error)})`
      return { read: async () => ({ ok: false, reason: 'unparseable', message, at: this.clock.now() }) }
    }
  }

  private dueAt(entry: Entry): number {
    return entry.origin + entry.next * entry.signal.intervalMs
  }

  private cancel(entry: Entry, why: string): void {
    entry.generation++
    entry.busy = false
    entry.controller?.abort(new Error(why))
    entry.controller = undefined
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i].entry === entry) this.queue.splice(i, 1)
  }

  /** One timer for the whole poller, set for the earliest due signal. */
  private arm(): void {
    if (this.stopped) return
    let earliest = Number.POSITIVE_INFINITY
    for (const entry of this.entries.values()) earliest = Math.min(earliest, this.dueAt(entry))
    if (this.wake && this.wake.dueAt === earliest) return
    if (this.wake) this.timers.clearTimeout(this.wake.handle)
    this.wake = undefined
    if (earliest === Number.POSITIVE_INFINITY) return
    const dueAt = earliest
    const handle = this.timers.setTimeout(() => this.tick(dueAt), Math.max(0, dueAt - this.clock.now()))
    this.wake = { handle, dueAt }
  }

  private tick(armedFor: number): void {
    this.wake = undefined
    try {
      const now = this.clock.now()
      let due = 0
      for (const entry of this.entries.values()) {
        // The wall clock stepped back past this signal's last poll (an NTP correction): restart its schedule now,
        // rather than wait for the old instant to come round again.
        if (now < entry.lastScheduledAt) {
          entry.origin = now
          entry.next = 0
        }
        if (this.dueAt(entry) > now) continue
        due++
        const interval = entry.signal.intervalMs
        const latest = Math.floor((now - entry.origin) / interval)
        this.counters.lateTicks += latest - entry.next
        entry.next = latest + 1
        const scheduledAt = entry.origin + latest * interval
        entry.lastScheduledAt = scheduledAt
        if (entry.busy) {
          this.counters.missedTicks++
          entry.missedTicks++
          continue
        }
        entry.busy = true
        this.queue.push({ entry, generation: entry.generation, scheduledAt })
      }
      if (due > 0) {
        this.counters.ticks++
        this.tickDrift.add(now - armedFor)
      }
      this.pump()
    } catch (error) {
      this.report(error)
    } finally {
      this.arm()
    }
  }

  private pump(): void {
    while (!this.stopped && this.inFlight < this.concurrency && this.queue.length > 0) {
      const job = this.queue.shift() as Job
      if (job.generation !== job.entry.generation) continue
      this.start(job)
    }
  }

  private start(job: Job): void {
    const { entry } = job
    const { timeoutMs } = entry.signal
    const startedAt = this.clock.now()
    this.inFlight++
    this.counters.polls++
    this.counters.maxInFlight = Math.max(this.counters.maxInFlight, this.inFlight)
    entry.polls++
    this.startDrift.add(startedAt - job.scheduledAt)
    const controller = new AbortController()
    entry.controller = controller

    let guard: TimerHandle | undefined
    const outcome = new Promise<Reading>((resolve) => {
      // The reader enforces the timeout itself; this guard is for a reader that does not, so no signal can wedge.
      guard = this.timers.setTimeout(() => {
        controller.abort(new Error(`timed out after ${timeoutMs} ms`))
        resolve({ ok: false, reason: 'timeout', message: `timed out after ${timeoutMs} ms`, at: this.clock.now() })
      }, timeoutMs + this.graceMs)
      this.guards.add(guard)
      let reading: Promise<Reading>
      try {
        reading = Promise.resolve(entry.reader.read({ timeoutMs, signal: controller.signal }))
      } catch (error) {
        reading = Promise.reject(error)
      }
      reading.then(resolve, (error: unknown) =>
        resolve({ ok: false, reason: 'unparseable', message: `reading the source failed unexpectedly (${describe(error)})`, at: this.clock.now() })
      )
    })
    void outcome.then((reading) => {
      if (guard !== undefined) {
        this.timers.clearTimeout(guard)
        this.guards.delete(guard)
      }
      try {
        this.finish(job, reading, startedAt)
      } catch (error) {
        this.report(error)
      }
    })
  }

  private finish(job: Job, raw: Reading, startedAt: number): void {
    this.inFlight--
    const { entry } = job
    const current = !this.stopped && job.generation === entry.generation && this.entries.get(entry.signal.id) === entry
    if (current) {
      entry.busy = false
      entry.controller = undefined
      const reading = this.checked(raw)
      if (reading.ok) {
        entry.consecutiveFailures = 0
      } else {
        entry.consecutiveFailures++
        entry.failures++
        this.counters.failures++
        this.backOff(entry, job.scheduledAt)
      }
      this.pending.push({
        signalId: entry.signal.id,
        scheduledAt: job.scheduledAt,
        startedAt,
        finishedAt: this.clock.now(),
        reading,
        consecutiveFailures: entry.consecutiveFailures,
        nextAt: this.dueAt(entry)
      })
    }
    this.pump()
    this.arm()
    if (this.inFlight === 0 && this.queue.length === 0) this.flush()
    else if (this.pending.length > 0 && this.flushTimer === undefined && !this.stopped) {
      this.flushTimer = this.timers.setTimeout(() => this.flush(), this.batchWindowMs)
    }
  }

  /** A reader outside this module might hand back anything; only a well-formed, finite reading becomes a sample. */
  private checked(reading: unknown): Reading {
    const at = this.clock.now()
    if (!isReading(reading)) return { ok: false, reason: 'unparseable', message: 'the reader returned no reading', at }
    if (reading.ok && !Number.isFinite(reading.value)) {
      return { ok: false, reason: 'non-numeric', message: `the value read is ${String(reading.value)}, not a finite number`, at: reading.at }
    }
    return reading
  }

  /**
   * After n failures in a row the next poll waits interval × factor^(n−1), capped, and stays on the signal's grid. The
   * first failure keeps the normal pace, since one failed poll is usually a blip.
   */
  private backOff(entry: Entry, failedAt: number): void {
    const interval = entry.signal.intervalMs
    const cap = Math.max(this.backoff.maxMs, interval)
    const wait = Math.min(cap, interval * this.backoff.factor ** (entry.consecutiveFailures - 1))
    const index = Math.ceil((failedAt + wait - entry.origin) / interval)
    if (index > entry.next) {
      this.counters.backoffSkips += index - entry.next
      entry.next = index
    }
  }

  private flush(): void {
    if (this.flushTimer !== undefined) {
      this.timers.clearTimeout(this.flushTimer)
      this.flushTimer = undefined
    }
    if (this.stopped || this.pending.length === 0) return
    const batch = this.pending
    this.pending = []
    try {
      this.options.onResults(batch)
    } catch (error) {
      this.report(error)
    }
  }

  private report(error: unknown): void {
    try {
      if (this.options.onError) this.options.onError(error)
      else console.error('Release War Room poller:', error)
    } catch {
      // The error handler itself failed; there is nowhere left to report to, and throwing would reach the event loop.
    }
  }
}

/** A stable offset in [0, interval) from the signal's id (FNV-1a), so its phase survives a restart. */
export function phaseOf(id: string, intervalMs: number): number {
  let h = 0x811c9dc5
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0
  return h % Math.max(1, Math.floor(intervalMs))
}
