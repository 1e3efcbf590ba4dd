import type { Room } from '../../shared/room'
import type { TimelineEntry } from '../../shared/timeline'
import { ROLE_LABELS } from '../../shared/roles'
import { OUTCOME_LABELS, type Figure } from '../../shared/rollout'
import type { DraftBreach, DraftCatch, DraftDecision, DraftFigure, DraftIncident, DraftRollback, ReviewDraft } from '../../shared/review'
import { formatDuration } from '../rollout/duration-text'

/** The parts of the room a draft reads. */
export type DraftRoom = Pick<Room, 'release' | 'gates' | 'votes' | 'checklist' | 'incidents' | 'rollback' | 'figures' | 'signals'>

const iso = (ms: number) => new Date(ms).toISOString()
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/**
 * Decisions are timed from the planned window start, which is what the team promised; without one, from entering
 * production (when the change met users), and without that, from the release's creation.
 */
function referenceOf(room: DraftRoom, timeline: readonly TimelineEntry[]): { at: string; label: string } {
  if (room.release.windowStart) return { at: room.release.windowStart, label: 'the planned window start' }
  const live = timeline.find((e) => e.kind === 'release.stage-changed' && e.data.to === 'production')
  if (live) return { at: live.at, label: 'entering production' }
  return { at: room.release.createdAt, label: 'the release’s creation' }
}

function decisionsOf(room: DraftRoom, timeline: readonly TimelineEntry[], start: number): DraftDecision[] {
  const gateTitle = (id: unknown) => room.gates.find((g) => g.id === id)?.title ?? String(id)
  const out: Omit<DraftDecision, 'sinceStartMs'>[] = []
  for (const e of timeline) {
    if (e.kind === 'release.stage-changed') out.push({ at: e.at, kind: 'gate', text: `Gate passed: "${gateTitle(e.data.to)}", moved to ${String(e.data.to)}`, actor: e.actor })
    else if (e.kind === 'rollout.override') out.push({ at: e.at, kind: 'override', text: `Rollout gate overridden: ${String(e.data.rationale ?? '')}`, actor: e.actor })
    else if (e.kind === 'release.aborted') out.push({ at: e.at, kind: 'abort', text: `Release aborted: ${String(e.data.reason ?? '')}`, actor: e.actor })
  }
  for (const v of room.votes) {
    const changed = v.supersedes ? ' (changing an earlier vote)' : ''
    out.push({ at: v.at, kind: 'vote', text: `${ROLE_LABELS[v.actor.role]} voted ${v.verdict} on "${gateTitle(v.gate)}"${changed}: ${v.rationale}`, actor: v.actor })
  }
  for (const i of room.incidents) {
    if (i.decidedAt === null || !i.outcome) continue
    const by = [...i.answers].reverse()[0]?.actor ?? null
    out.push({ at: iso(i.decidedAt), kind: 'incident', text: `Incident "${i.summary}" (${i.severity}): ${OUTCOME_LABELS[i.outcome]}`, actor: by })
  }
  if (room.rollback) {
    out.push({ at: iso(room.rollback.decidedAt), kind: 'rollback', text: `Rollback decided: ${room.rollback.reason}`, actor: room.rollback.decidedBy })
  }
  return out
    .map((d) => ({ ...d, sinceStartMs: Date.parse(d.at) - start }))
    .sort((a, b) => a.at.localeCompare(b.at))
}

function breachesOf(room: DraftRoom, timeline: readonly TimelineEntry[]): DraftBreach[] {
  const name = (id: unknown) => room.signals.find((s) => s.id === id)?.definition.name ?? 'a removed signal'
  return timeline
    .filter((e) => e.kind === 'signal.breach')
    .map((e) => {
      const recovered = timeline.find((r) => r.kind === 'signal.recovered' && r.data.signalId === e.data.signalId && r.seq > e.seq)
      return { at: e.at, signal: name(e.data.signalId), summary: e.summary, recoveredAt: recovered?.at ?? null }
    })
}

function rollbacksOf(room: DraftRoom, now: number): DraftRollback[] {
  const r = room.rollback
  if (!r) return []
  const end = r.finishedAt ?? now
  return [
    {
      decidedAt: iso(r.decidedAt),
      reason: r.reason,
      by: r.decidedBy,
      finishedAt: r.finishedAt === null ? null : iso(r.finishedAt),
      elapsedMs: end - r.decidedAt,
      targetMs: r.targetMinutes * 60_000,
      status: r.finishedAt === null ? 'in-progress' : end - r.decidedAt <= r.targetMinutes * 60_000 ? 'met' : 'missed'
    }
  ]
}

function incidentsOf(room: DraftRoom): DraftIncident[] {
  return [...room.incidents]
    .sort((a, b) => a.detectedAt - b.detectedAt)
    .map((i) => ({
      id: i.id,
      severity: i.severity,
      summary: i.summary,
      source: i.source,
      detectedAt: iso(i.detectedAt),
      decidedAt: i.decidedAt === null ? null : iso(i.decidedAt),
      decision: i.outcome ? OUTCOME_LABELS[i.outcome] : null,
      timeToDecisionMs: i.decidedAt === null ? null : i.decidedAt - i.detectedAt,
      resolvedAt: i.resolvedAt === null ? null : iso(i.resolvedAt)
    }))
}

/** What the checklist and the gates caught: every item ever blocked, every no-go vote, and the notes left on items. */
function caughtOf(room: DraftRoom, timeline: readonly TimelineEntry[]): DraftCatch[] {
  const item = (id: unknown) => room.checklist.find((i) => i.id === id)
  const caught: DraftCatch[] = []
  for (const e of timeline) {
    if (e.kind !== 'checklist.item-changed' || e.data.to !== 'blocked') continue
    const it = item(e.data.itemId)
    caught.push({ kind: 'blocked', at: e.at, title: it?.title ?? 'a removed item', who: e.actor ? `${e.actor.name} (${ROLE_LABELS[e.actor.role]})` : '', detail: String(e.data.note ?? '') })
  }
  for (const v of room.votes.filter((x) => x.verdict === 'no-go')) {
    const gate = room.gates.find((g) => g.id === v.gate)?.title ?? v.gate
    caught.push({ kind: 'no-go', at: v.at, title: `No-go on "${gate}"`, who: `${v.actor.name} (${ROLE_LABELS[v.actor.role]})`, detail: v.rationale })
  }
  for (const i of room.checklist) {
    if (!i.note || i.status === 'blocked') continue
    caught.push({ kind: 'note', at: i.changedAt, title: i.title, who: i.changedBy ? `${i.changedBy.name} (${ROLE_LABELS[i.changedBy.role]})` : ROLE_LABELS[i.ownerRole], detail: i.note })
  }
  return caught.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''))
}

function figureOf(label: string, f: Figure): DraftFigure {
  return { label, actualMs: f.elapsedMs, targetMs: f.targetMs, status: f.status }
}

function figureLine(f: DraftFigure): string {
  const target = f.targetMs === null ? '' : ` (target ${formatDuration(f.targetMs)})`
  if (f.status === 'not-started') return `${f.label}: not started`
  if (f.actualMs === null) return `${f.label}: ${f.status}`
  return `${f.label}: ${formatDuration(f.actualMs)}${target}, ${f.status}`
}

/**
 * The review's facts, drafted from the record alone: the room as it stands and its whole timeline. Pure: `now` only
 * times a rollback still under way.
 */
export function draftReview(room: DraftRoom, timeline: readonly TimelineEntry[], now: number): ReviewDraft {
  const reference = referenceOf(room, timeline)
  const decisions = decisionsOf(room, timeline, Date.parse(reference.at))
  const breaches = breachesOf(room, timeline)
  const rollbacks = rollbacksOf(room, now)
  const incidents = incidentsOf(room)
  const caught = caughtOf(room, timeline)
  const figures = [figureOf('Deployment time', room.figures.deployment)]
  if (room.figures.rollback.status !== 'not-started') figures.push(figureOf('Rollback time', room.figures.rollback))

  const critical = incidents.filter((i) => i.severity === 'critical').length
  const blocked = caught.filter((c) => c.kind === 'blocked').length
  const noGo = caught.filter((c) => c.kind === 'no-go').length
  const headlines = [
    figureLine(figures[0]),
    rollbacks.length
      ? `Rolled back: ${rollbacks[0].reason}${rollbacks[0].finishedAt ? ` (${formatDuration(rollbacks[0].elapsedMs ?? 0)}, target ${formatDuration(rollbacks[0].targetMs)})` : ' (still under way)'}`
      : 'No rollback',
    incidents.length ? `${plural(incidents.length, 'incident')}, ${critical} critical` : 'No incidents',
    breaches.length ? `${plural(breaches.length, 'sustained signal breach', 'sustained signal breaches')}` : 'No sustained signal breach',
    `The checklist and gates caught ${plural(blocked, 'blocked item')} and ${plural(noGo, 'no-go vote')}`
  ]
  return { reference, headlines, decisions, breaches, rollbacks, incidents, caught, figures }
}
