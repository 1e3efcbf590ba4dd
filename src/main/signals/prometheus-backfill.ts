import type { WarRoom } from '../war-room'
import type { LiveSample } from '../../shared/events-signals'
import type { PollFailureReason, SignalSource } from '../../shared/signal'
import { authHeaders, type SecretLookup } from '../monitoring/auth-headers'
import { boundedGet, type BoundedGetOptions, type BoundedGetResult } from '../monitoring/bounded-get'
import { describeSelector } from '../monitoring/exposition-parser'
import { parseQueryResponse, planRangeQuery, rangeQueryUrl, type PromQueryData, type QueryRange } from '../monitoring/prometheus-api'
import { DEFAULT_MAX_RESPONSE_BYTES } from '../monitoring/source-reader'
import { realTimers, type Timers } from '../monitoring/timers'
import { storedThenEnvironment } from '../secrets/secret-lookup'
import type { SignalRecord } from './signal-store'

const HOUR = 3_600_000

export interface PrometheusBackfillOptions {
  /** How far back a newly watched signal is filled: 6 hours by default, the longest fixed range a panel offers. */
  rangeMs?: number
  /**
   * Points per series at most: what a panel can draw (about 2,000 by default). Prometheus's own cap of 11,000 points
   * per series applies whatever this says.
   */
  maxPoints?: number
  /** For the whole range query; a 6-hour evaluation takes a busy Prometheus longer than one instant query. */
  timeoutMs?: number
  maxBytes?: number
  /** Range queries running at once, so a start-up with many Prometheus signals does not hit the server all together. */
  concurrency?: number
  /** Defaults to what the poller reads: the room's stored credentials (desktop), then the environment. */
  secrets?: SecretLookup
  get?: (url: string, options: BoundedGetOptions) => Promise<BoundedGetResult>
  /** Told of every backfill's end, written, failed or cancelled: for diagnostics and tests. */
  onSettled?: (outcome: BackfillOutcome) => void
}

export interface BackfillDeps {
  timers?: Timers
  log?: (message: string, error?: unknown) => void
}

export type BackfillOutcome =
  | { signalId: string; status: 'written'; range: QueryRange; samples: LiveSample[]; skipped: number }
  | { signalId: string; status: 'skipped'; message: string }
  | { signalId: string; status: 'failed'; range?: QueryRange; reason: PollFailureReason; message: string }
  | { signalId: string; status: 'cancelled' }

/** WARROOM_BACKFILL_HOURS sets how far back a Prometheus signal is filled; 0 turns backfill off. */
export function backfillFromEnv(env: NodeJS.ProcessEnv = process.env): PrometheusBackfillOptions | false {
  const raw = env.WARROOM_BACKFILL_HOURS
  if (raw === undefined || raw.trim() === '') return {}
  const hours = Number(raw)
  if (!Number.isFinite(hours) || hours < 0) return {}
  return hours === 0 ? false : { rangeMs: hours * HOUR }
}

interface Job {
  record: SignalRecord
  /** What the samples depend on; a change to anything else (thresholds, name) does not refetch. */
  key: string
  controller: AbortController
  running: boolean
}

type Source = Extract<SignalSource, { kind: 'prometheus' }>

/** The samples of a backfill depend on the query, the server, the credentials' names and the scale; nothing else. */
function sampleKey(record: SignalRecord): string {
  return JSON.stringify({ source: record.definition.source, scale: record.definition.scale ?? 1 })
}

/**
 * The range a new signal is filled over: the last `rangeMs`, but never before its release was created (the room's
 * record of a release starts there, and a chart's whole-window range with it), on a step from the shared planner,
 * never finer than the signal's own poll interval (finer would make the filled part denser than the live part).
 * Start and end are pulled onto whole multiples of the step, so a restart re-reads the same instants and replaces
 * those rows rather than interleaving a second set beside them.
 */
export function backfillRange(nowMs: number, releaseCreatedMs: number, intervalMs: number, rangeMs: number, maxPoints: number): QueryRange | undefined {
  const from = Math.max(nowMs - rangeMs, Number.isFinite(releaseCreatedMs) ? releaseCreatedMs : -Infinity)
  if (!(from < nowMs)) return undefined
  const plan = planRangeQuery(from, nowMs, maxPoints, Math.ceil(intervalMs / 1000))
  const stepMs = plan.stepSeconds * 1000
  const startMs = Math.ceil(from / stepMs) * stepMs
  const endMs = Math.floor(nowMs / stepMs) * stepMs
  if (endMs < startMs) return undefined
  return { startMs, endMs, stepSeconds: plan.stepSeconds }
}

type Points = { ok: true; points: { t: number; v: number }[]; skipped: number } | { ok: false; reason: PollFailureReason; message: string }

/** A signal is one series: a range answer must be one series (or none yet); NaN and ±Inf points are left out. */
function seriesPoints(data: PromQueryData, query: string, scale: number): Points {
  if (data.resultType !== 'matrix') {
    return { ok: false, reason: 'unparseable', message: `Prometheus answered the range query with a ${data.resultType}, not a matrix` }
  }
  if (data.series.length > 1) {
    const shown = data.series.slice(0, 3).map((s) => describeSelector('', s.labels) || '{}')
    return {
      ok: false,
      reason: 'unparseable',
      message: `${query} returned ${data.series.length} series (${shown.join(', ')}${data.series.length > 3 ? ', …' : ''}); aggregate to one, for example with sum(…)`
    }
  }
  const samples = data.series[0]?.samples ?? []
  const points = samples.filter((s) => Number.isFinite(s.v)).map((s) => ({ t: s.t, v: s.v * scale }))
  return { ok: true, points, skipped: samples.length - points.length }
}

/**
 * Fills a Prometheus signal's recent past when the room starts watching it, so its chart is not empty until live
 * polls accumulate: one `/api/v1/query_range` per signal, written in one transaction and announced with the same
 * `signal.samples` event live polls use. It only adds history: the signal's state, breach tracking and incidents
 * come from live polls alone, and a failed backfill is logged and left at that (the next definition change or
 * restart tries again).
 */
export class PrometheusBackfill {
  private readonly jobs = new Map<string, Job>()
  /** Keys already written, so an edit to a threshold does not refetch six hours. */
  private readonly done = new Map<string, string>()
  private readonly queue: string[] = []
  private running = 0
  private stopped = false
  private readonly rangeMs: number
  private readonly maxPoints: number
  private readonly timeoutMs: number
  private readonly concurrency: number
  private readonly timers: Timers
  private readonly secrets: SecretLookup
  private readonly log: (message: string, error?: unknown) => void

  constructor(
    private readonly room: WarRoom,
    private readonly options: PrometheusBackfillOptions = {},
    deps: BackfillDeps = {}
  ) {
    this.rangeMs = options.rangeMs ?? 6 * HOUR
    this.maxPoints = options.maxPoints ?? 2000
    this.timeoutMs = options.timeoutMs ?? 15_000
    this.concurrency = Math.max(1, options.concurrency ?? 2)
    this.timers = deps.timers ?? realTimers
    this.log = deps.log ?? (() => {})
    this.secrets = options.secrets ?? storedThenEnvironment(room.stores.secrets, { log: this.log })
  }

  /** Backfills in flight or waiting. */
  pending(): number {
    return this.jobs.size
  }

  /** The room started watching this signal, or its definition changed: backfill it if it is Prometheus and new. */
  watch(record: SignalRecord): void {
    if (this.stopped) return
    if (record.definition.source.kind !== 'prometheus') {
      this.forget(record.id)
      return
    }
    const key = sampleKey(record)
    const current = this.jobs.get(record.id)
    if (current?.key === key || (!current && this.done.get(record.id) === key)) return
    this.forget(record.id)
    this.jobs.set(record.id, { record, key, controller: new AbortController(), running: false })
    this.queue.push(record.id)
    this.pump()
  }

  /** The signal is no longer watched: drop its backfill, in flight or waiting. */
  forget(id: string): void {
    this.done.delete(id)
    const job = this.jobs.get(id)
    if (!job) return
    this.jobs.delete(id)
    job.controller.abort(new Error('the signal stopped being watched'))
    if (!job.running) this.settled({ signalId: id, status: 'cancelled' })
  }

  /** A listener's mistake must not become an unhandled rejection in the main process. */
  private settled(outcome: BackfillOutcome): void {
    try {
      this.options.onSettled?.(outcome)
    } catch (error) {
      this.log('a backfill listener failed', error)
    }
  }

  stop(): void {
    if (this.stopped) return
    this.stopped = true
    this.queue.length = 0
    for (const id of [...this.jobs.keys()]) this.forget(id)
  }

  private pump(): void {
    while (!this.stopped && this.running < this.concurrency && this.queue.length > 0) {
      const job = this.jobs.get(this.queue.shift()!)
      if (!job || job.running) continue
      job.running = true
      this.running++
      void this.run(job)
        .catch((error: unknown): BackfillOutcome => {
          this.log(`the backfill of "${job.record.definition.name}" failed unexpectedly; live polling carries on`, error)
          return { signalId: job.record.id, status: 'failed', reason: 'unparseable', message: error instanceof Error ? error.message : String(error) }
        })
        .then((outcome) => {
          this.running--
          if (this.jobs.get(job.record.id) === job) {
            this.jobs.delete(job.record.id)
            if (outcome.status === 'written' || outcome.status === 'skipped') this.done.set(job.record.id, job.key)
          }
          this.pump()
          this.settled(outcome)
        })
    }
  }

  private async run(job: Job): Promise<BackfillOutcome> {
    const { record, controller } = job
    const id = record.id
    const d = record.definition
    const source = d.source as Source
    const release = this.room.transact((ctx) => ctx.releases.get(record.releaseId), { writes: false })
    const range = backfillRange(this.room.clock.now(), release ? Date.parse(release.createdAt) : Number.NaN, d.intervalMs, this.rangeMs, this.maxPoints)
    if (!range) return { signalId: id, status: 'skipped', message: 'the release is younger than one step; live polls cover it' }

    const fail = (reason: PollFailureReason, message: string): BackfillOutcome => {
      const span = `${new Date(range.startMs).toISOString()} to ${new Date(range.endMs).toISOString()}, step ${range.stepSeconds} s`
      this.log(`the backfill of "${d.name}" (${span}) failed (${reason}): ${message}; live polling carries on`)
      return { signalId: id, status: 'failed', range, reason, message }
    }

    const auth = authHeaders(source.auth, this.secrets)
    if (!auth.ok) return fail('http', auth.message)
    const response = await (this.options.get ?? boundedGet)(rangeQueryUrl(source.url, source.query, range), {
      timeoutMs: this.timeoutMs,
      maxBytes: this.options.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      signal: controller.signal,
      headers: { accept: 'application/json', ...auth.headers },
      timers: this.timers
    })
    if (controller.signal.aborted || this.stopped) return { signalId: id, status: 'cancelled' }
    if (!response.ok) {
      // Prometheus answers a bad query with 400 or 422 and an error envelope that says what is wrong with it.
      const envelope = response.body ? parseQueryResponse(response.body.toString('utf8')) : undefined
      if (envelope && !envelope.ok && envelope.kind === 'error-envelope') return fail('http', `HTTP ${response.status}: ${envelope.message}`)
      return fail(response.reason, response.message)
    }
    const parsed = parseQueryResponse(response.body.toString('utf8'))
    if (!parsed.ok) return fail(parsed.kind === 'error-envelope' ? 'http' : 'unparseable', parsed.message)
    const series = seriesPoints(parsed.data, source.query, d.scale ?? 1)
    if (!series.ok) return fail(series.reason, series.message)

    const samples = this.room.transact((ctx) => {
      // The definition may have changed, or the signal gone, between the request and its answer.
      const now = ctx.signals.get(id)
      if (!now || now.sid !== record.sid || sampleKey(now) !== job.key) return undefined
      const written: LiveSample[] = series.points.map((p) => {
        ctx.samples.insert(record.sid, p.t, p.v)
        return { signalId: id, t: p.t, v: p.v }
      })
      // No states: a backfill adds history and leaves the signal's live state to its polls.
      if (written.length > 0) ctx.emit({ type: 'signal.samples', releaseId: record.releaseId, samples: written, states: [] })
      return written
    })
    if (!samples) return { signalId: id, status: 'cancelled' }
    return { signalId: id, status: 'written', range, samples, skipped: series.skipped }
  }
}
