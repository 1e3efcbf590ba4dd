import { z } from 'zod'
import { releaseReportSchema, reportPointSchema, type ReleaseReport } from '../../shared/report'
import type { TimelineEntry } from '../../shared/timeline'
import { verifyChain } from '../timeline/timeline-chain'
import type { ReportRecord } from './report-builder'

/** A report with the raw record behind it, for another war room to import read-only and re-verify. */
export const BUNDLE_FORMAT = 'release-war-room/report-bundle@1'

const actor = z.object({ name: z.string(), role: z.string() }).strict()
const timelineEntrySchema = z
  .object({
    id: z.number(),
    releaseId: z.string(),
    seq: z.number().int(),
    at: z.string(),
    kind: z.string(),
    actor: actor.nullable(),
    summary: z.string(),
    data: z.record(z.string(), z.unknown()),
    prevHash: z.string(),
    hash: z.string()
  })
  .strict()

const sampleSummarySchema = z.object({
  signalId: z.string(),
  name: z.string(),
  unit: z.string(),
  stats: z.object({ count: z.number(), min: z.number().nullable(), max: z.number().nullable(), mean: z.number().nullable(), last: z.number().nullable() }),
  points: z.array(reportPointSchema)
})

export const reportBundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT, { error: `format must be "${BUNDLE_FORMAT}": this is not a report bundle from a war room of this version` }),
  exportedAt: z.string(),
  report: releaseReportSchema,
  record: z.object({
    release: z.looseObject({ id: z.string() }),
    checklist: z.array(z.unknown()),
    votes: z.array(z.unknown()),
    rollout: z.unknown(),
    incidents: z.array(z.unknown()),
    rollback: z.unknown(),
    releaseNotes: z.unknown(),
    outcomes: z.array(z.unknown()),
    signals: z.array(z.unknown()),
    timeline: z.array(timelineEntrySchema),
    samples: z.array(sampleSummarySchema)
  })
})
export type ReportBundle = z.infer<typeof reportBundleSchema>

export function buildBundle(record: ReportRecord, report: ReleaseReport): ReportBundle {
  const { room } = record
  return {
    format: BUNDLE_FORMAT,
    exportedAt: report.generatedAt,
    report,
    record: {
      release: { ...room.release },
      checklist: room.checklist,
      votes: room.votes,
      rollout: { plan: room.rollout.plan, state: room.rollout.state, template: room.rollout.template },
      incidents: room.incidents,
      rollback: room.rollback,
      releaseNotes: room.releaseNotes,
      outcomes: room.outcomes,
      // Definitions name credentials by environment variable only, so they travel without secrets.
      signals: room.signals.map((s) => ({ id: s.id, definition: s.definition, createdAt: s.createdAt })),
      timeline: [...record.timeline] as ReportBundle['record']['timeline'],
      samples: record.series.map((s) => {
        const signal = room.signals.find((x) => x.id === s.signalId)
        return { signalId: s.signalId, name: signal?.definition.name ?? s.signalId, unit: signal?.definition.unit ?? '', stats: s.stats, points: s.points }
      })
    }
  }
}

export type BundleCheck = { ok: true; bundle: ReportBundle } | { ok: false; message: string; issues?: { path: string; message: string }[] }

/**
 * Parses and checks a bundle: its shape and format version, then its timeline's hash chain walked again from the
 * first entry, and that the report names the same release and head hash as the chain. Nothing here writes.
 */
export function checkBundle(text: string): BundleCheck {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return { ok: false, message: `The bundle is not JSON (${(e as Error).message}). Choose the .json report bundle a war room exported.` }
  }
  const parsed = reportBundleSchema.safeParse(json)
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message }))
    const first = issues[0]
    return { ok: false, message: `The bundle is not a valid report bundle: ${first ? `${first.path || 'bundle'}: ${first.message}` : 'unknown shape'}.`, issues }
  }
  const bundle = parsed.data
  const releaseId = bundle.record.release.id
  const timeline = bundle.record.timeline as TimelineEntry[]
  const foreign = timeline.find((e) => e.releaseId !== releaseId)
  if (foreign) return { ok: false, message: `Timeline entry #${foreign.seq} belongs to another release ("${foreign.releaseId}"); the bundle was altered. Nothing was imported.` }
  const verdict = verifyChain(timeline)
  if (!verdict.ok) {
    return { ok: false, message: `The bundle's timeline does not verify: ${verdict.firstBad.reason}. It was altered after export, so nothing was imported.` }
  }
  if (verdict.count === 0) return { ok: false, message: 'The bundle holds no timeline, so its record cannot be verified. Nothing was imported.' }
  const report = bundle.report
  if (report.summary.releaseId !== releaseId || report.audit.headHash !== verdict.headHash || report.audit.count !== verdict.count) {
    return {
      ok: false,
      message: `The report does not match its timeline (the chain ends at ${verdict.headHash.slice(0, 12)}… after ${verdict.count} entries; the report says ${report.audit.headHash.slice(0, 12)}… after ${report.audit.count}). Nothing was imported.`
    }
  }
  return { ok: true, bundle }
}
