import type { WarRoom } from '../war-room'
import type { HandlerContext } from '../api/handler-context'
import { TERMINAL_STATUSES, type Release } from '../../shared/release'
import type { RolloutState } from '../../shared/rollout'
import { DEFAULT_TRIGGERS } from '../../shared/rollout'
import { record } from '../timeline/record'
import { announcementDue, announcementText, responseMinutes, warnWithinMs } from './incident-deadline'
import { applyDueEvents, currentStepIndex, dueEvents, nextDueAt, recordActionResult } from './rollout-machine'
import { applyTransition } from './rollout-apply'
import { notice } from './rollout-load'
import type { RolloutRecord, StoredIncident } from './rollout-stores'
import { postStepAction, type ActionPoster } from './step-action'
import { guard, startDeadlineLoop, type Timers } from '../deadline-loop'

export type { Timers }

export interface RolloutServiceOptions {
  timers?: Timers
  post?: ActionPoster
  /** How long a step action may take before it counts as failed. */
  actionTimeoutMs?: number
  /**
   * The longest the service sleeps before looking again. Timers are set from persisted times, but a machine that
   * slept or a clock that jumped should not leave a soak waiting for hours; a minute bounds the error.
   */
  maxSleepMs?: number
}

const isLive = (release: Release | undefined): release is Release => !!release && !TERMINAL_STATUSES.includes(release.status)

// ---------------------------------------------------------------------------------------------------------------
// The work itself, each piece inside one transaction of the caller's

/** Ends every soak that is due, each at the time it really ended, and carries out what follows (gate, incident). */
export function processDueSoaks(ctx: HandlerContext, releaseId: string, now: number): void {
  const release = ctx.releases.get(releaseId)
  const rec = ctx.rollouts.get(releaseId)
  if (!isLive(release) || !rec) return
  const due = dueEvents(rec.state, now)
  if (due.length === 0) return
  const { state, effects } = applyDueEvents(rec.state, now)
  const labels = due.map((d) => rec.state.steps.find((s) => s.id === d.stepId)?.label ?? d.stepId)
  applyTransition(ctx, release, rec, { ok: true, state, effects }, {
    kind: 'rollout.soak-ended',
    actor: null,
    data: { stepIds: due.map((d) => d.stepId), endedAt: due.map((d) => d.at), lateByMs: due.map((d) => now - d.at) }
  })
  const said = effects.flatMap((e) => (e.kind === 'notify' ? [e.text] : []))
  notice(ctx, release.id, 'soak-ended', `Soak ended: ${labels.join(', ')}`, said.join(' '))
}

/** When the incident's next deadline announcement falls due; null when none is left to make. */
export function nextAnnouncementAt(incident: StoredIncident, triggers = DEFAULT_TRIGGERS): number | null {
  if (incident.resolvedAt !== null) return null
  const minutes = responseMinutes(incident.severity, triggers)
  if (minutes === null) return null
  const deadline = incident.detectedAt + minutes * 60_000
  if (!incident.announced.includes('nearing') && !incident.announced.includes('passed')) return deadline - warnWithinMs(minutes * 60_000)
  if (!incident.announced.includes('passed')) return deadline
  return null
}

/** Each deadline announcement once: when it nears and when it passes. The flags are saved, so a restart repeats none. */
export function announceDeadlines(ctx: HandlerContext, now: number): void {
  for (const incident of ctx.incidents.open()) {
    const release = ctx.releases.get(incident.releaseId)
    if (!isLive(release)) continue
    const triggers = ctx.rollouts.get(release.id)?.template.triggers ?? DEFAULT_TRIGGERS
    const due = announcementDue(incident, now, triggers)
    if (!due) continue
    ctx.incidents.setAnnounced(incident.id, [...incident.announced, due])
    const text = announcementText(incident, due, now, triggers)
    record(ctx, { releaseId: release.id, kind: 'incident.deadline', actor: null, summary: text, data: { incidentId: incident.id, announcement: due } })
    notice(ctx, release.id, due === 'nearing' ? 'deadline-nearing' : 'deadline-passed', due === 'nearing' ? 'Deadline near' : 'Deadline passed', text)
  }
}

/** The step whose action is waiting to be sent: the rollout is running and its current step has not had an answer yet. */
export function pendingAction(state: RolloutState): { stepId: string; url: string; attempt: number } | null {
  if (state.status !== 'running') return null
  const step = state.steps[currentStepIndex(state)]
  if (!step || step.state !== 'running' || !step.action) return null
  if (step.actionOutcome?.ok === true) return null
  // A failed answer held the rollout; running again means someone resumed it to try once more.
  return { stepId: step.id, url: step.action.url, attempt: step.actionOutcome ? step.actionOutcome.at : 0 }
}

function actionBody(release: Release, rec: RolloutRecord, stepId: string, now: number) {
  const index = rec.state.steps.findIndex((s) => s.id === stepId)
  const step = rec.state.steps[index]
  return {
    event: 'rollout.step',
    release: { id: release.id, title: release.title, service: release.service, version: release.version, environment: release.environment },
    step: {
      id: step.id,
      label: step.label,
      index,
      of: rec.state.steps.length,
      trafficPercent: step.trafficPercent ?? null,
      instances: step.instances ?? null,
      soakSeconds: step.soakSeconds,
      gate: step.gate
    },
    strategy: rec.state.strategy,
    at: new Date(now).toISOString()
  }
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * Soak timers, step actions and deadline announcements, run in the background. One timer is set for the earliest
 * thing due (a soak end or a deadline announcement), computed from persisted times, so a restart resumes with the
 * right time left and handles at once whatever fell due while the process was down. Every committed change to a
 * room wakes it to look again. No exception leaves it: each piece runs in its own transaction, and a failure is
 * logged and the next piece still runs.
 */
export async function startRolloutService(room: WarRoom, options: RolloutServiceOptions = {}): Promise<void> {
  const post = options.post ?? postStepAction
  const actionTimeoutMs = options.actionTimeoutMs ?? 10_000
  const inFlight = new Set<string>()
  const guarded = guard('rollout service')

  const sendAction = (releaseId: string, stepId: string, url: string, key: string) => {
    inFlight.add(key)
    let body: unknown = null
    guarded('reading a step action', () =>
      room.transact(
        (ctx) => {
          const release = ctx.releases.get(releaseId)
          const rec = ctx.rollouts.get(releaseId)
          if (release && rec) body = actionBody(release, rec, stepId, room.clock.now())
        },
        { writes: false }
      )
    )
    if (body === null) {
      inFlight.delete(key)
      return
    }
    void post(url, body, actionTimeoutMs)
      .catch((e: unknown) => ({ ok: false, httpStatus: null, durationMs: 0, detail: e instanceof Error ? e.message : String(e) }))
      .then((answer) => {
        inFlight.delete(key)
        if (loop.stopped) return
        guarded('recording a step action', () =>
          room.transact((ctx) => {
            const release = ctx.releases.get(releaseId)
            const rec = ctx.rollouts.get(releaseId)
            if (!isLive(release) || !rec) return
            const now = room.clock.now()
            const t = recordActionResult(rec.state, { stepId, ok: answer.ok, httpStatus: answer.httpStatus, durationMs: answer.durationMs, detail: answer.detail, now })
            if (!t.ok) return // the rollout moved on (held, aborted, overridden) while the POST was out
            applyTransition(ctx, release, rec, t, {
              kind: 'rollout.action',
              actor: null,
              data: { stepId, url, ok: answer.ok, httpStatus: answer.httpStatus, durationMs: answer.durationMs, detail: answer.detail ?? null }
            })
            if (!answer.ok) {
              const step = rec.state.steps.find((s) => s.id === stepId)
              notice(ctx, release.id, 'action-failed', 'Step action failed', `The action for "${step?.label ?? stepId}" answered ${answer.httpStatus ?? 'nothing'}: the rollout is held.`)
            }
          })
        )
        loop.wake()
      })
  }

  const tick = () => {
    const now = room.clock.now()
    let active: RolloutRecord[] = []
    guarded('listing rollouts', () => (active = room.transact((ctx) => ctx.rollouts.active(), { writes: false })))
    for (const rec of active) {
      if (dueEvents(rec.state, now).length) guarded(`ending a soak of ${rec.releaseId}`, () => room.transact((ctx) => processDueSoaks(ctx, rec.releaseId, now)))
    }
    guarded('announcing deadlines', () => room.transact((ctx) => announceDeadlines(ctx, now)))
    guarded('listing rollouts', () => (active = room.transact((ctx) => ctx.rollouts.active(), { writes: false })))
    for (const rec of active) {
      const pending = pendingAction(rec.state)
      if (!pending) continue
      const key = `${rec.releaseId}:${pending.stepId}:${pending.attempt}`
      if (!inFlight.has(key)) sendAction(rec.releaseId, pending.stepId, pending.url, key)
    }
  }

  const nextWake = (): number | null => {
    let next: number | null = null
    const consider = (t: number | null) => {
      if (t !== null && (next === null || t < next)) next = t
    }
    guarded('planning the next wake', () =>
      room.transact(
        (ctx) => {
          for (const rec of ctx.rollouts.active()) if (isLive(ctx.releases.get(rec.releaseId))) consider(nextDueAt(rec.state))
          for (const incident of ctx.incidents.open()) {
            if (!isLive(ctx.releases.get(incident.releaseId))) continue
            consider(nextAnnouncementAt(incident, ctx.rollouts.get(incident.releaseId)?.template.triggers))
          }
        },
        { writes: false }
      )
    )
    return next
  }

  // Answers to step actions arrive after this returns: the first pass only sends them.
  const loop = startDeadlineLoop(room, {
    name: 'rollout service',
    pass: tick,
    nextDueAt: nextWake,
    wakesOn: (kind) => kind.startsWith('rollout.') || kind.startsWith('incident.') || kind.startsWith('rollback.') || kind.startsWith('release.'),
    ...(options.timers ? { timers: options.timers } : {}),
    ...(options.maxSleepMs ? { maxSleepMs: options.maxSleepMs } : {})
  })
}
