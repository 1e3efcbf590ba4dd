import type { Actor } from '../../../shared/roles'
import type { ReleaseStatus } from '../../../shared/release'
import type { GateVerdict, RolloutState, RolloutStatus, RolloutStep, StepState } from '../../../shared/rollout'
import type { RolloutView } from '../../../shared/room-rollout'
import { formatDuration } from '../room/window-countdown'

/** The rollout lane's state shaping: what each step card and the controls show, from the room and the time now. */

export type Tone = 'ok' | 'bad' | 'warn' | 'active' | 'idle'

export interface LaneStep {
  id: string
  label: string
  /** The big figure on the card: "25%", "4 of 10", or "—" for a step that moves no traffic. */
  size: string
  state: StepState
  stateText: string
  tone: Tone
  current: boolean
  /** "0:42 left" while soaking; null otherwise. */
  countdown: string | null
  /** Soak and gate, in words: "soak 1:00 · health gate". */
  plan: string
  /** Who decided the step and why, when anyone has. */
  verdict: string | null
  action: string | null
}

const STATE_TEXT: Record<StepState, string> = {
  pending: 'waiting',
  running: 'running action',
  soaking: 'soaking',
  'awaiting-gate': 'gate to judge',
  passed: 'passed',
  failed: 'gate failed',
  skipped: 'skipped'
}

const STATE_TONE: Record<StepState, Tone> = {
  pending: 'idle',
  running: 'active',
  soaking: 'active',
  'awaiting-gate': 'warn',
  passed: 'ok',
  failed: 'bad',
  skipped: 'idle'
}

export function stepSize(step: Pick<RolloutStep, 'trafficPercent' | 'instances'>): string {
  if (step.instances) return `${step.instances.updated} of ${step.instances.total}`
  if (step.trafficPercent !== undefined) return `${step.trafficPercent}%`
  return '—'
}

export function soakLeft(step: Pick<RolloutStep, 'state' | 'soakEndsAt'>, now: number): number | null {
  if (step.state !== 'soaking' || step.soakEndsAt === null) return null
  return Math.max(0, step.soakEndsAt - now)
}

function verdictText(v: GateVerdict | null, overridden: GateVerdict | null): string | null {
  if (!v) return null
  const who = v.by === 'signals' ? 'on its signals' : `by ${v.actor?.name ?? 'someone'}`
  const why = v.rationale ? `: “${v.rationale}”` : ''
  if (v.by === 'override') return `Overridden ${who}${why}${overridden ? ` (it had failed: “${overridden.rationale ?? 'no reason'}”)` : ''}`
  return `${v.result === 'pass' ? 'Passed' : 'Failed'} ${who}${why}${valuesText(v.values)}`
}

/** The readings that decided a gate judged on signals: the worst value of each, so a failure shows its evidence. */
function valuesText(values: GateVerdict['values']): string {
  const entries = Object.entries(values ?? {})
  if (!entries.length) return ''
  return ` (${entries.map(([name, v]) => `${name} ${Number(v.toPrecision(3))}`).join('; ')})`
}

export function laneSteps(state: RolloutState, currentIndex: number, now: number): LaneStep[] {
  return state.steps.map((s, i) => {
    const left = soakLeft(s, now)
    const soak = s.soakSeconds === null ? 'until passed by hand' : s.soakSeconds === 0 ? 'no soak' : `soak ${formatDuration(s.soakSeconds * 1000)}`
    const gate = s.gate === 'none' ? 'no gate' : `${s.gate} gate`
    const outcome = s.actionOutcome
    return {
      id: s.id,
      label: s.label,
      size: stepSize(s),
      state: s.state,
      stateText: STATE_TEXT[s.state],
      tone: STATE_TONE[s.state],
      current: i === currentIndex && state.status !== 'not-started',
      countdown: left === null ? null : `${formatDuration(left)} left`,
      plan: `${soak} · ${gate}`,
      verdict: verdictText(s.verdict, s.overridden),
      action: outcome ? `POST ${outcome.ok ? 'ok' : 'failed'}: ${outcome.httpStatus ?? 'no answer'} in ${Math.round(outcome.durationMs)} ms` : s.action ? 'POST on start' : null
    }
  })
}

const STATUS_TEXT: Record<RolloutStatus, string> = {
  'not-started': 'Not started',
  running: 'Running',
  held: 'Held',
  aborted: 'Aborted',
  completed: 'Completed',
  'rolling-back': 'Rolling back',
  'rolled-back': 'Rolled back'
}
const STATUS_TONE: Record<RolloutStatus, Tone> = {
  'not-started': 'idle',
  running: 'active',
  held: 'warn',
  aborted: 'bad',
  completed: 'ok',
  'rolling-back': 'bad',
  'rolled-back': 'bad'
}

export function rolloutHeadline(state: RolloutState): { text: string; tone: Tone; detail: string | null } {
  const detail =
    state.status === 'held'
      ? (state.hold?.reason ?? null)
      : state.status === 'aborted' || state.status === 'rolling-back' || state.status === 'rolled-back'
        ? state.endedReason
        : null
  return { text: STATUS_TEXT[state.status], tone: STATUS_TONE[state.status], detail }
}

export interface Controls {
  start: boolean
  /** Plain advance: the current step passed (or the next is waiting to begin). */
  advance: boolean
  /** Advancing needs an override with a rationale: the current step's gate failed or is not judged yet. */
  override: boolean
  hold: boolean
  resume: boolean
  abort: boolean
  /** The step whose gate a person can pass or fail now; null when none. */
  judge: { stepId: string; label: string; canPass: boolean } | null
}

/** Which controls make sense in this state for this person; the host still checks every rule. */
export function controlsFor(view: RolloutView, releaseStatus: ReleaseStatus, actor: Actor | null): Controls {
  const none: Controls = { start: false, advance: false, override: false, hold: false, resume: false, abort: false, judge: null }
  if (!actor || actor.role === 'observer') return none
  const { state } = view
  const current = view.currentStepIndex >= 0 ? state.steps[view.currentStepIndex] : undefined
  const running = state.status === 'running'
  const judgeable =
    current && current.gate !== 'none' && (current.state === 'awaiting-gate' || current.state === 'soaking') && (state.status === 'running' || state.status === 'held')
  const judge = actor.role === 'sre' || actor.role === 'devops-lead'
  return {
    start: state.status === 'not-started' && releaseStatus === 'production',
    advance: running && (!current || current.state === 'pending' || current.state === 'passed'),
    override: running && !!current && current.state !== 'pending' && current.state !== 'passed',
    hold: running,
    resume: state.status === 'held',
    abort: running || state.status === 'held',
    judge: judgeable && judge && current ? { stepId: current.id, label: current.label, canPass: current.state === 'awaiting-gate' } : null
  }
}
