import { z } from 'zod'

/**
 * The release report: what people outside the room read about one release, built from its stored record. The shape
 * is a zod schema because the same model arrives from other war rooms inside an imported bundle, where it is checked
 * before it is stored.
 */

export const REPORT_FORMAT = 'release-war-room/report@1'

const when = z.string().nullable()
/** Roles as text: a bundle from a newer war room may name a role this one does not know. */
const actorSchema = z.object({ name: z.string(), role: z.string() })
const actor = actorSchema.nullable()

export const reportSummarySchema = z.object({
  releaseId: z.string(),
  title: z.string(),
  service: z.string(),
  version: z.string(),
  environment: z.string(),
  strategy: z.string(),
  owner: z.string(),
  status: z.string(),
  endedReason: z.string().nullable(),
  createdAt: z.string(),
  createdBy: actorSchema
})

export const reportWindowSchema = z.object({
  plannedStart: when,
  plannedEnd: when,
  /** Entering production, as the timeline recorded it. */
  actualStart: when,
  /** Leaving production: validating, closed, rolled back or aborted; null while still in production. */
  actualEnd: when,
  /** Where the window ended: validating, closed, rolled-back, aborted. */
  endedAs: z.string().nullable()
})

export const reportChecklistItemSchema = z.object({
  phase: z.string(),
  phaseLabel: z.string(),
  title: z.string(),
  ownerRole: z.string(),
  required: z.boolean(),
  status: z.string(),
  by: actor,
  at: when,
  note: z.string().nullable(),
  evidence: z.string().nullable()
})

export const reportVoteSchema = z.object({
  gate: z.string(),
  verdict: z.string(),
  rationale: z.string(),
  by: actorSchema,
  at: z.string(),
  superseded: z.boolean(),
  snapshot: z.object({
    stage: z.string(),
    satisfied: z.boolean(),
    openItems: z.array(z.object({ title: z.string(), ownerRole: z.string(), status: z.string() })),
    approvals: z.array(z.object({ role: z.string(), verdict: z.string() })),
    health: z.array(z.object({ name: z.string(), state: z.string(), value: z.number().nullable(), unit: z.string() }))
  })
})

export const reportVerdictSchema = z.object({
  result: z.string(),
  by: z.string(),
  actor,
  rationale: z.string().nullable(),
  values: z.record(z.string(), z.number()),
  at: z.string()
})

export const reportStepSchema = z.object({
  label: z.string(),
  trafficPercent: z.number().nullable(),
  state: z.string(),
  startedAt: when,
  finishedAt: when,
  durationMs: z.number().nullable(),
  verdict: reportVerdictSchema.nullable(),
  overridden: reportVerdictSchema.nullable()
})

export const reportRollbackSchema = z.object({
  reason: z.string(),
  decidedAt: z.string(),
  decidedBy: actorSchema,
  finishedAt: when,
  targetMinutes: z.number(),
  steps: z.array(z.object({ title: z.string(), ownerRole: z.string(), doneAt: when, doneBy: actor, note: z.string().nullable() }))
})

export const reportRolloutSchema = z.object({
  status: z.string(),
  startedAt: when,
  startedBy: actor,
  endedAt: when,
  endedReason: z.string().nullable(),
  steps: z.array(reportStepSchema),
  rollback: reportRollbackSchema.nullable()
})

export const reportIncidentSchema = z.object({
  severity: z.string(),
  summary: z.string(),
  source: z.string(),
  step: z.string().nullable(),
  detectedAt: z.string(),
  openedBy: actor,
  /** The walk through the decision tree: each question as it was asked, the answer, who gave it and why. */
  path: z.array(z.object({ question: z.string(), answer: z.string(), by: actorSchema, at: z.string(), rationale: z.string() })),
  outcome: z.string().nullable(),
  decidedAt: when,
  resolvedAt: when,
  resolvedBy: actor,
  resolution: z.string().nullable()
})

export const reportPointSchema = z.object({ t: z.number(), v: z.number() })

export const reportSignalSchema = z.object({
  name: z.string(),
  unit: z.string(),
  role: z.string().nullable(),
  direction: z.enum(['above', 'below']),
  warn: z.number().nullable(),
  critical: z.number().nullable(),
  count: z.number(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  mean: z.number().nullable(),
  last: z.number().nullable(),
  breaches: z.number(),
  /** At most a few hundred points, lows and highs kept, for the chart. */
  points: z.array(reportPointSchema),
  /** The chart as SVG text: the same picture in the view, the Markdown and the PDF. */
  chart: z.string()
})

export const METRIC_KEYS = ['deployment-time', 'rollback-time', 'error-rate', 'p95-latency', 'availability', 'critical-incidents'] as const
export type MetricKey = (typeof METRIC_KEYS)[number]
/** The metrics whose actual is read from one of the release's signals. */
export const SIGNAL_METRICS = ['error-rate', 'p95-latency', 'availability'] as const
export type SignalMetricKey = (typeof SIGNAL_METRICS)[number]

export const reportMetricSchema = z.object({
  key: z.enum(METRIC_KEYS),
  label: z.string(),
  meaning: z.string(),
  /** below: the actual must be under the target; above: over it; at-most: no more than it (a count). */
  comparison: z.enum(['below', 'above', 'at-most']),
  target: z.number(),
  unit: z.string(),
  actual: z.number().nullable(),
  actualUnit: z.string(),
  /** Where the actual came from, in words: "mean of Canary error rate over the window", "entered by hand". */
  source: z.string(),
  status: z.enum(['met', 'missed', 'not measured', 'in progress'])
})

export const reportNotesSchema = z.object({
  whatsNew: z.string(),
  fixes: z.string(),
  knownIssues: z.string(),
  upgrade: z.string(),
  updatedBy: actor,
  updatedAt: when
})

export const reportAuditSchema = z.object({
  ok: z.boolean(),
  count: z.number(),
  headHash: z.string(),
  /** The first entry that fails verification, in words; null when the chain holds. */
  problem: z.string().nullable()
})

export const releaseReportSchema = z.object({
  format: z.literal(REPORT_FORMAT),
  generatedAt: z.string(),
  summary: reportSummarySchema,
  window: reportWindowSchema,
  checklist: z.array(reportChecklistItemSchema),
  votes: z.array(reportVoteSchema),
  rollout: reportRolloutSchema,
  incidents: z.array(reportIncidentSchema),
  /** The time the health statistics and charts cover: the release's life up to the report. */
  healthRange: z.object({ from: z.string(), to: z.string() }),
  health: z.array(reportSignalSchema),
  metrics: z.array(reportMetricSchema),
  releaseNotes: reportNotesSchema,
  audit: reportAuditSchema
})

export type ReleaseReport = z.infer<typeof releaseReportSchema>
export type ReportSignal = z.infer<typeof reportSignalSchema>
export type ReportMetric = z.infer<typeof reportMetricSchema>
export type ReportVerdict = z.infer<typeof reportVerdictSchema>
export type ReportIncident = z.infer<typeof reportIncidentSchema>
export type ReportStep = z.infer<typeof reportStepSchema>

/** The sections of a report, in the order every rendering of it (view, Markdown, PDF) shows them. */
export const REPORT_SECTIONS = [
  'Summary',
  'Deployment window',
  'Checklist',
  'Votes',
  'Rollout',
  'Incidents',
  'Health',
  'Deployment metrics',
  'Release notes',
  'Audit chain'
] as const
