import type { Release, ReleaseStatus } from './release'
import { STRATEGY_LABELS } from './release'
import type { RolloutRoomPart } from './room-rollout'
import type { SignalRoomPart, SignalView } from './room-signals'
import type { ClosureRoomPart } from './closure'
import type { UpdatesView } from './updates'
import type { RolloutStep } from './rollout'

/**
 * The named fields a stakeholder update may use, each filled from the room as it stands at `now`. The same code runs
 * in the renderer (the live preview) and in main (the text that is sent), so what the room previews is what goes out.
 * Times are written in UTC: stakeholders read them in many time zones, and preview and send must agree.
 */
export type UpdateSource = { release: Release } & Pick<RolloutRoomPart, 'rollout' | 'incidents' | 'rollback' | 'figures'> &
  Pick<SignalRoomPart, 'signals'> &
  Pick<ClosureRoomPart, 'outcomes' | 'releaseNotes'> & { updates: Pick<UpdatesView, 'nextRelease'> }

interface FieldSpec {
  description: string
  value(room: UpdateSource, now: number): string
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

const pad = (n: number) => String(n).padStart(2, '0')
const clock = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
const day = (d: Date) => `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`
const sameDay = (a: Date, b: Date) => a.toISOString().slice(0, 10) === b.toISOString().slice(0, 10)

/** "Tue 20 Jan 2026, 14:00 UTC". */
export function utcMoment(ms: number): string {
  const d = new Date(ms)
  return `${day(d)}, ${clock(d)} UTC`
}

/** "12 min", "2 h 15 min", "3 days": how long, as a message says it. */
export function spokenDuration(ms: number): string {
  const abs = Math.max(0, ms)
  if (abs < MINUTE) return 'under a minute'
  if (abs < HOUR) return `${Math.floor(abs / MINUTE)} min`
  if (abs < 2 * DAY) {
    const h = Math.floor(abs / HOUR)
    const m = Math.floor((abs % HOUR) / MINUTE)
    return m ? `${h} h ${m} min` : `${h} h`
  }
  return `${Math.floor(abs / DAY)} days`
}

/** Up to three significant digits, never in exponent form: 0.42, 12.3, 240, 12345. */
export function spokenNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v)
  if (Math.abs(v) >= 100) return String(Math.round(v))
  return String(Number(v.toPrecision(3)))
}

function windowText(release: Release): string {
  if (!release.windowStart) return 'a window not set yet'
  const start = new Date(release.windowStart)
  if (!release.windowEnd) return utcMoment(start.getTime())
  const end = new Date(release.windowEnd)
  if (sameDay(start, end)) return `${day(start)}, ${clock(start)}–${clock(end)} UTC`
  return `${day(start)} ${clock(start)} UTC to ${day(end)} ${clock(end)} UTC`
}

function startsInText(release: Release, now: number): string {
  if (!release.windowStart) return 'at a time not set yet'
  const start = Date.parse(release.windowStart)
  if (start > now) return `in ${spokenDuration(start - now)}`
  const end = release.windowEnd ? Date.parse(release.windowEnd) : null
  if (end !== null && end <= now) return `in the window that ended ${spokenDuration(now - end)} ago`
  return start === now ? 'now' : `now (the window opened ${spokenDuration(now - start)} ago)`
}

const STAGE_WORDS: Record<ReleaseStatus, string> = {
  planning: 'in planning',
  ready: 'ready for staging',
  staging: 'in staging',
  production: 'in production',
  validating: 'live and being validated',
  closed: 'closed',
  'rolled-back': 'rolled back',
  aborted: 'aborted'
}

/** "canary at 25%", "batch 2 of 5 (4 of 10 instances)", "step 2 of 4 (smoke test green)". */
function stepPosition(step: RolloutStep, index: number, of: number, strategy: Release['strategy']): string {
  if (step.instances) return `batch ${index + 1} of ${of} (${step.instances.updated} of ${step.instances.total} instances)`
  if (strategy === 'canary' && step.trafficPercent !== undefined) return `canary at ${spokenNumber(step.trafficPercent)}%`
  return `step ${index + 1} of ${of} (${step.label})`
}

/** "soak 12 of 30 min"; seconds for soaks under two minutes, where minutes would read "0 of 1". */
function soakProgress(step: RolloutStep, now: number): string {
  if (step.soakSeconds === null) return 'paused until someone ends it'
  const total = step.soakSeconds * 1000
  const elapsed = Math.min(total, Math.max(0, now - (step.soakStartedAt ?? now)))
  if (total < 2 * MINUTE) return `soak ${Math.floor(elapsed / 1000)} of ${step.soakSeconds} s`
  return `soak ${Math.floor(elapsed / MINUTE)} of ${Math.round(total / MINUTE)} min`
}

function rolloutText(room: UpdateSource, now: number): string {
  const { state, currentStepIndex } = room.rollout
  const n = state.steps.length
  switch (state.status) {
    case 'not-started':
      return `not started yet (${n} ${n === 1 ? 'step' : 'steps'} planned)`
    case 'completed':
      return `complete, all ${n} ${n === 1 ? 'step' : 'steps'} done`
    case 'aborted':
      return state.endedReason ? `stopped: ${state.endedReason}` : 'stopped'
    case 'rolling-back':
      return 'stopped for a rollback'
    case 'rolled-back':
      return 'rolled back'
  }
  const step = state.steps[currentStepIndex]
  if (!step) return 'between steps'
  const where = stepPosition(step, currentStepIndex, n, state.strategy)
  if (state.status === 'held') return `held at ${where}${state.hold ? `: ${state.hold.reason}` : ''}`
  switch (step.state) {
    case 'soaking':
      return `${where}, ${soakProgress(step, now)}`
    case 'awaiting-gate':
      return `${where}, soak done, its health gate being judged`
    case 'failed':
      return `${where}, its gate failed`
    case 'passed':
      return `${where}, passed`
    default:
      return `${where}, deploying`
  }
}

/** Worst first, so the message leads with what matters. */
const SIGNAL_ORDER = ['critical', 'warn', 'error', 'stale'] as const

function signalText(s: SignalView): string {
  const unit = s.definition.unit ? ` ${s.definition.unit}` : ''
  const value = s.status.value !== undefined ? ` (${spokenNumber(s.status.value)}${unit})` : ''
  if (s.status.state === 'stale' || s.status.state === 'error') return `${s.definition.name} not reporting`
  return `${s.definition.name} ${s.status.state}${value}`
}

function signalsText(room: UpdateSource): string {
  if (room.signals.length === 0) return 'no signals watched'
  const bad = SIGNAL_ORDER.flatMap((state) => room.signals.filter((s) => s.status.state === state))
  if (bad.length === 0) return 'all signals green'
  return bad.map(signalText).join(', ')
}

const SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3 } as const

function incidentsText(room: UpdateSource): string {
  const open = room.incidents.filter((i) => i.resolvedAt === null).sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])
  if (open.length === 0) return 'no open incidents'
  const named = open.slice(0, 3).map((i) => `${i.severity}: ${i.summary}`)
  const more = open.length > 3 ? ` and ${open.length - 3} more` : ''
  return `${open.length} open ${open.length === 1 ? 'incident' : 'incidents'} (${named.join('; ')}${more})`
}

function rollbackText(room: UpdateSource, now: number): string {
  const rb = room.rollback
  if (!rb) return 'no rollback under way'
  const target = `target ${rb.targetMinutes} min`
  if (rb.finishedAt !== null) return `rollback complete in ${spokenDuration(rb.finishedAt - rb.decidedAt)} (${target})`
  const done = rb.steps.filter((s) => s.doneAt !== null).length
  return `${done} of ${rb.steps.length} rollback steps done, ${spokenDuration(now - rb.decidedAt)} in (${target})`
}

function outcomesText(room: UpdateSource): string {
  const n = room.outcomes.length
  if (n === 0) return 'no success criteria were set'
  const met = room.outcomes.filter((o) => o.result === 'met').length
  const missed = room.outcomes.filter((o) => o.result === 'missed').length
  const open = n - met - missed
  const parts = [`${met} of ${n} success criteria met`]
  if (missed) parts.push(`${missed} missed`)
  if (open) parts.push(`${open} not measured yet`)
  return parts.join(', ')
}

function deploymentTimeText(room: UpdateSource, now: number): string {
  const f = room.figures.deployment
  if (f.startedAt === null) return 'not started'
  return spokenDuration((f.endedAt ?? now) - f.startedAt)
}

function nextReleaseText(room: UpdateSource): string {
  const next = room.updates.nextRelease
  if (!next) return 'not planned yet'
  const when = next.windowStart ? `on ${windowText({ ...room.release, windowStart: next.windowStart, windowEnd: null })}` : 'date to be set'
  return `${next.title} (${next.version}), ${when}`
}

function firstParagraph(text: string): string {
  const para = text.trim().split(/\n\s*\n/)[0] ?? ''
  return para.replace(/\s*\n\s*/g, ' ')
}

/** The catalogue, in the order the editor lists it. */
export const UPDATE_FIELDS = {
  service: { description: 'the service', value: (r) => r.release.service },
  version: { description: 'the version going out', value: (r) => r.release.version },
  title: { description: "the release's title", value: (r) => r.release.title },
  environment: { description: 'the target environment', value: (r) => r.release.environment },
  owner: { description: 'the accountable owner', value: (r) => r.release.owner },
  strategy: { description: 'canary, blue-green, rolling or big bang', value: (r) => STRATEGY_LABELS[r.release.strategy].toLowerCase() },
  stage: { description: 'where the release is: "in production"', value: (r) => STAGE_WORDS[r.release.status] },
  window: { description: 'the deployment window, in UTC', value: (r) => windowText(r.release) },
  startsIn: { description: '"in 3 h 10 min", or how long ago the window opened', value: (r, now) => startsInText(r.release, now) },
  downtime: {
    description: 'the downtime to expect',
    value: (r) => {
      const plan = r.rollout.plan
      if (plan.strategy !== 'big-bang' || plan.expectedDowntimeMinutes === 0) return 'no downtime expected'
      return `about ${spokenDuration(plan.expectedDowntimeMinutes * MINUTE)} of downtime`
    }
  },
  rollout: { description: '"canary at 25%, soak 12 of 30 min"', value: rolloutText },
  deploymentTime: { description: 'how long the deployment has taken', value: deploymentTimeText },
  signals: { description: '"all signals green", or each signal that is not', value: (r) => signalsText(r) },
  incidents: { description: '"no open incidents", or each open one', value: (r) => incidentsText(r) },
  rollback: { description: "the rollback's progress against its target", value: rollbackText },
  rollbackReason: { description: 'why the release is being rolled back', value: (r) => r.rollback?.reason ?? r.release.endedReason ?? 'not given yet' },
  outcomes: { description: 'how many success criteria were met', value: (r) => outcomesText(r) },
  whatsNew: { description: "the first paragraph of the release notes' What's new", value: (r) => firstParagraph(r.releaseNotes.whatsNew) || 'see the release notes' },
  nextRelease: { description: "the service's next planned release", value: (r) => nextReleaseText(r) },
  now: { description: 'the time of the message, in UTC', value: (_r, now) => utcMoment(now) }
} satisfies Record<string, FieldSpec>

export type UpdateFieldName = keyof typeof UPDATE_FIELDS
export const UPDATE_FIELD_NAMES = Object.keys(UPDATE_FIELDS) as UpdateFieldName[]

export function isUpdateField(name: string): name is UpdateFieldName {
  return Object.hasOwn(UPDATE_FIELDS, name)
}
