import type { SignalStatus } from '../../shared/room-signals'
import type { Sample } from '../../shared/signal'
import {
  currentState,
  DEFAULT_STALE_AFTER_INTERVALS,
  initialBreachTracker,
  trackBreach,
  type BreachEvidence,
  type BreachTracker,
  type PollFailure
} from '../health/signal-evaluation'
import type { Reading } from '../monitoring/reading'
import type { SignalProgress, SignalRecord } from './signal-store'

/**
 * One watched signal between polls: what the evaluation needs to judge the next reading (the last good sample, the
 * last failure, the sustained-breach tracker), restored from its row at start-up so a restart neither forgets a
 * breach nor reports it twice.
 *
 * The row is not rewritten every poll: the samples are the record of each reading (the store reads the last value
 * from their index), so the row changes only when what a restart could not derive from them changes: the state, its
 * reason or threshold, the last failure's run, or a breach in progress. That keeps a tick to its inserts.
 */
export class WatchedSignal {
  lastSample?: Sample
  lastFailure?: PollFailure
  tracker: BreachTracker
  /** The status last announced, to tell a real change from a repeat. */
  announced: SignalStatus
  /** What the row holds: the state key last written, and whether a breach was being tracked then. */
  private persisted: { key: string; tracking: boolean }

  constructor(readonly record: SignalRecord) {
    this.lastSample = record.lastValue
    this.lastFailure = record.lastError ? { t: record.lastError.t, reason: record.lastError.message } : undefined
    this.tracker = record.breach ?? initialBreachTracker
    this.announced = record.status
    this.persisted = { key: stateKey(record.status), tracking: record.breach !== null }
  }

  /**
   * Whether the row must be written for this status. A breach being tracked is written every sample, so a restart
   * neither loses a run in progress nor opens a second incident for one already reported; its end is written once.
   */
  mustPersist(status: SignalStatus): boolean {
    return this.persisted.tracking || tracking(this.tracker) || stateKey(status) !== this.persisted.key
  }

  /** The row's contents for this status; marks them as written (the caller writes them in its transaction). */
  persist(status: SignalStatus): SignalProgress {
    this.persisted = { key: stateKey(status), tracking: tracking(this.tracker) }
    return this.progress(status)
  }

  get definition() {
    return this.record.definition
  }

  /** Takes one poll's reading; returns the sample stored (if any) and the breach that began or ended with it. */
  take(reading: Reading, t: number): { sample?: Sample; began?: BreachEvidence; ended: boolean } {
    const d = this.definition
    if (!reading.ok) {
      this.lastFailure = { t: Math.max(t, reading.at), reason: failureText(reading) }
      return { ended: false }
    }
    const sample = { t, v: reading.value * (d.scale ?? 1) }
    // A sample older than the last failure would hide the failure; stamp both on the poll's own clock.
    this.lastSample = sample
    const step = trackBreach(this.tracker, sample, {
      thresholds: d.thresholds,
      rule: d.breach,
      maxGapMs: DEFAULT_STALE_AFTER_INTERVALS * d.intervalMs,
      signalName: d.name
    })
    this.tracker = step.tracker
    return { sample, ...(step.evidence ? { began: step.evidence } : {}), ended: step.ended }
  }

  status(now: number): SignalStatus {
    const s = currentState({
      thresholds: this.definition.thresholds,
      intervalMs: this.definition.intervalMs,
      now,
      lastSample: this.lastSample,
      lastFailure: this.lastFailure
    })
    const status: SignalStatus = { signalId: this.record.id, state: s.state }
    if (s.value !== undefined && s.at !== undefined) Object.assign(status, { value: s.value, at: s.at })
    if (s.threshold !== undefined) status.threshold = s.threshold
    if (s.reason !== undefined) status.reason = s.reason
    return status
  }

  progress(status: SignalStatus): SignalProgress {
    return {
      state: status.state,
      ...(status.reason !== undefined ? { reason: status.reason } : {}),
      ...(status.threshold !== undefined ? { threshold: status.threshold } : {}),
      ...(this.lastSample ? { lastValue: this.lastSample } : {}),
      ...(this.lastFailure ? { lastError: { message: this.lastFailure.reason, t: this.lastFailure.t } } : {}),
      breach: this.tracker
    }
  }
}

/** A status as far as the row keeps it: value and time come from the samples. */
function stateKey(s: SignalStatus): string {
  return `${s.state}|${s.threshold ?? ''}|${s.reason ?? ''}`
}

function tracking(t: BreachTracker): boolean {
  return t.streak !== undefined || t.sustained
}

/** Two statuses a client would draw the same. */
export function sameStatus(a: SignalStatus, b: SignalStatus): boolean {
  return a.state === b.state && a.value === b.value && a.at === b.at && a.threshold === b.threshold && a.reason === b.reason
}

/** "timeout: timed out after 2000 ms", "HTTP 500 Internal Server Error": the category first unless the text says it. */
export function failureText(reading: Extract<Reading, { ok: false }>): string {
  if (reading.reason === 'http' && /^HTTP \d/.test(reading.message)) return reading.message
  return `${reading.reason}: ${reading.message}`
}
