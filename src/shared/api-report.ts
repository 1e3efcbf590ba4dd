import { z } from 'zod'
import { actorSchema } from './roles'
import { id, releaseId, type MethodSpec } from './api-fields'
import type { ExportedFile } from './room'
import type { ReleaseReport } from './report'
import { reportManualActualsSchema, reportSignalChoicesSchema, reportTargetValuesSchema, type ReportSettingsView } from './report-targets'

/** What the report view draws: the report, the metric settings behind its table, and the signals a metric may read. */
export interface LiveReport {
  report: ReleaseReport
  settings: ReportSettingsView
  signals: { id: string; name: string; unit: string }[]
}

/** A bundle's text may be large (timeline and chart points); the HTTP host caps request bodies at 1 MiB anyway. */
export const MAX_BUNDLE_CHARS = 1_000_000

/** The release report, its exports, its metric targets, and reports imported read-only from other war rooms. */
export const reportApi = {
  'reports.get': { input: z.object({ releaseId }).strict(), mutates: false },
  'reports.export': {
    input: z.object({ releaseId, format: z.enum(['markdown', 'json'], { error: 'format must be markdown or json' }) }).strict(),
    mutates: false
  },
  'reports.targets.set': {
    input: z
      .object({
        releaseId,
        targets: reportTargetValuesSchema.optional(),
        signals: reportSignalChoicesSchema.optional(),
        manual: reportManualActualsSchema.optional(),
        actor: actorSchema
      })
      .strict(),
    mutates: true
  },
  'reports.import': {
    input: z
      .object({
        bundle: z
          .string({ error: 'bundle is required: the text of a report bundle (.json) exported by a war room' })
          .min(1, 'bundle is empty: choose a report bundle (.json) exported by a war room')
          .max(MAX_BUNDLE_CHARS, `bundle is longer than ${MAX_BUNDLE_CHARS} characters`),
        actor: actorSchema
      })
      .strict(),
    mutates: true
  },
  'reports.imported.list': { input: z.object({}).strict(), mutates: false },
  'reports.imported.get': { input: z.object({ importId: id('importId') }).strict(), mutates: false }
} as const satisfies Record<string, MethodSpec>

/** One report imported from another war room: kept apart from live releases and never changed. */
export interface ImportedReportSummary {
  id: string
  title: string
  service: string
  version: string
  status: string
  sourceReleaseId: string
  headHash: string
  exportedAt: string
  importedAt: string
  importedBy: { name: string; role: string }
}

export interface ImportedReport extends ImportedReportSummary {
  report: ReleaseReport
}

export interface ReportResults {
  'reports.get': LiveReport
  'reports.export': ExportedFile
  'reports.targets.set': ReportSettingsView
  'reports.import': ImportedReportSummary
  'reports.imported.list': ImportedReportSummary[]
  'reports.imported.get': ImportedReport
}
