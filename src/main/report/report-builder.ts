import type { Room } from '../../shared/room'
import type { TimelineEntry, ChainVerdict } from '../../shared/timeline'
import type { Sample } from '../../shared/signal'
import type { GateVerdict } from '../../shared/rollout'
import { PHASES, PHASE_LABELS } from '../../shared/runbook'
import { REPORT_FORMAT, type ReleaseReport, type ReportIncident, type ReportSignal, type ReportVerdict } from '../../shared/report'
import type { ReportSettings } from '../../shared/report-targets'
import { actualWindow } from './actual-window'
import { deploymentMetrics } from './deployment-metrics'
import { effectiveTargets } from './metric-targets'
import { signalChart } from './signal-chart'
import type { SignalStats } from './signal-stats-store'

export interface SignalSeries {
  signalId: string
  /** Over the whole chart range. */
  stats: SignalStats
  /** Over the actual window (production), which the metrics table measures. */
  window: SignalStats
  points: Sample[]
}

/** Everything a report is built from, as plain data: the room, its timeline and its verdict, and the signals' readings. */
export interface ReportRecord {
  room: Room
  timeline: readonly TimelineEntry[]
  chain: ChainVerdict
  series: readonly SignalSeries[]
  settings: ReportSettings
  /** The time axis of the charts. */
  range: { from: number; to: number }
  now: number
}

const iso = (t: number | null | undefined): string | null => (t === null || t === undefined ? null : new Date(t).toISOString())

function verdictOf(v: GateVerdict | null): ReportVerdict | null {
  if (!v) return null
  return { result: v.result, by: v.by, actor: v.actor ?? null, rationale: v.rationale ?? null, values: v.values ?? {}, at: new Date(v.at).toISOString() }
}

function incidents(room: Room): ReportIncident[] {
  const questions = new Map(room.rollout.template.decisionTree.nodes.map((n) => [n.id, n.text]))
  const steps = new Map(room.rollout.state.steps.map((s) => [s.id, s.label]))
  return [...room.incidents]
    .sort((a, b) => a.detectedAt - b.detectedAt)
    .map((i) => ({
      severity: i.severity,
      summary: i.summary,
      source: i.source,
      step: i.stepId ? (steps.get(i.stepId) ?? i.stepId) : null,
      detectedAt: new Date(i.detectedAt).toISOString(),
      openedBy: i.openedBy,
      path: i.answers.map((a) => ({ question: questions.get(a.nodeId) ?? a.nodeId, answer: a.answer, by: a.actor, at: new Date(a.at).toISOString(), rationale: a.rationale })),
      outcome: i.outcome,
      decidedAt: iso(i.decidedAt),
      resolvedAt: iso(i.resolvedAt),
      resolvedBy: i.resolvedBy,
      resolution: i.resolution
    }))
}

function health(record: ReportRecord): ReportSignal[] {
  return record.room.signals.map((s) => {
    const d = s.definition
    const series = record.series.find((x) => x.signalId === s.id)
    const stats = series?.stats ?? { count: 0, min: null, max: null, mean: null, last: null }
    const points = series?.points ?? []
    return {
      name: d.name,
      unit: d.unit,
      role: d.role ?? null,
      direction: d.thresholds.direction,
      warn: d.thresholds.warn ?? null,
      critical: d.thresholds.critical ?? null,
      ...stats,
      breaches: record.timeline.filter((e) => e.kind === 'signal.breach' && e.data.signalId === s.id).length,
      points,
      chart: signalChart({ name: d.name, unit: d.unit, warn: d.thresholds.warn ?? null, critical: d.thresholds.critical ?? null, points }, record.range)
    }
  })
}

/** The release report, from the stored record alone: no clock but the one given, no reads of its own. */
export function buildReport(record: ReportRecord): ReleaseReport {
  const { room } = record
  const r = room.release
  const window = actualWindow(record.timeline, room.rollout.state)
  const phaseOrder = (p: string) => PHASES.indexOf(p as (typeof PHASES)[number])
  const state = room.rollout.state
  const rollback = room.rollback
  return {
    format: REPORT_FORMAT,
    generatedAt: new Date(record.now).toISOString(),
    summary: {
      releaseId: r.id,
      title: r.title,
      service: r.service,
      version: r.version,
      environment: r.environment,
      strategy: r.strategy,
      owner: r.owner,
      status: r.status,
      endedReason: r.endedReason,
      createdAt: r.createdAt,
      createdBy: r.createdBy
    },
    window: { plannedStart: r.windowStart, plannedEnd: r.windowEnd, actualStart: window.start, actualEnd: window.end, endedAs: window.endedAs },
    checklist: [...room.checklist]
      .sort((a, b) => phaseOrder(a.phase) - phaseOrder(b.phase) || a.position - b.position)
      .map((i) => ({
        phase: i.phase,
        phaseLabel: PHASE_LABELS[i.phase],
        title: i.title,
        ownerRole: i.ownerRole,
        required: i.required,
        status: i.status,
        by: i.changedBy,
        at: i.changedAt,
        note: i.note,
        evidence: i.evidence
      })),
    votes: room.votes.map((v) => ({
      gate: v.gate,
      verdict: v.verdict,
      rationale: v.rationale,
      by: v.actor,
      at: v.at,
      superseded: v.supersededBy !== null,
      snapshot: {
        stage: v.snapshot.stage,
        satisfied: v.snapshot.satisfied,
        openItems: v.snapshot.openItems,
        approvals: v.snapshot.approvals,
        health: v.snapshot.health ?? []
      }
    })),
    rollout: {
      status: state.status,
      startedAt: iso(state.startedAt),
      startedBy: state.startedBy,
      endedAt: iso(state.endedAt),
      endedReason: state.endedReason,
      steps: state.steps.map((s) => ({
        label: s.label,
        trafficPercent: s.trafficPercent ?? null,
        state: s.state,
        startedAt: iso(s.startedAt),
        finishedAt: iso(s.finishedAt),
        durationMs: s.startedAt !== null && s.finishedAt !== null ? s.finishedAt - s.startedAt : null,
        verdict: verdictOf(s.verdict),
        overridden: verdictOf(s.overridden)
      })),
      rollback: rollback
        ? {
            reason: rollback.reason,
            decidedAt: new Date(rollback.decidedAt).toISOString(),
            decidedBy: rollback.decidedBy,
            finishedAt: iso(rollback.finishedAt),
            targetMinutes: rollback.targetMinutes,
            steps: rollback.steps.map((s) => ({ title: s.title, ownerRole: s.ownerRole, doneAt: iso(s.doneAt), doneBy: s.doneBy, note: s.note }))
          }
        : null
    },
    incidents: incidents(room),
    healthRange: { from: new Date(record.range.from).toISOString(), to: new Date(record.range.to).toISOString() },
    health: health(record),
    metrics: deploymentMetrics({
      figures: room.figures,
      targets: effectiveTargets(room.rollout.template.targets, record.settings),
      settings: record.settings,
      signals: room.signals.map((s) => {
        const series = record.series.find((x) => x.signalId === s.id)
        return {
          id: s.id,
          name: s.definition.name,
          unit: s.definition.unit,
          role: s.definition.role,
          windowMean: series?.window.mean ?? null,
          windowCount: series?.window.count ?? 0
        }
      }),
      incidents: room.incidents,
      windowStarted: window.start !== null
    }),
    releaseNotes: room.releaseNotes,
    audit: record.chain.ok
      ? { ok: true, count: record.chain.count, headHash: record.chain.headHash, problem: null }
      : { ok: false, count: record.chain.count, headHash: room.timeline.headHash, problem: record.chain.firstBad.reason }
  }
}
