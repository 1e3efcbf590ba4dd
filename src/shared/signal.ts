import { z } from 'zod'
import { SEVERITIES, severitySchema, type Severity } from './rollout'

/**
 * A signal is one number the war room watches during a release (error rate, p95 latency, availability), read over
 * HTTP from the team's own monitoring. This file holds what a person defines; the poller and the evaluation live in
 * main.
 */

export const MIN_INTERVAL_MS = 1000
export const DEFAULT_INTERVAL_MS = 5000
/** Used when a signal leaves its timeout out: long enough for a busy Prometheus, short enough to leave half the interval. */
export const DEFAULT_TIMEOUT_MS = 2000

const envName = (what: string) =>
  z
    .string({ error: `${what} is required: the name of an environment variable that holds it` })
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, `${what} must be an environment variable name such as PROMETHEUS_TOKEN`)

/**
 * Credentials are named, never stored: the signal says which environment variable (or, in the desktop app, which
 * safeStorage entry) holds them, so a signal can be shown, exported in a template or logged without leaking a secret.
 */
export const signalAuthSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('bearer'), tokenEnv: envName('tokenEnv') }).strict(),
    z.object({ kind: z.literal('basic'), usernameEnv: envName('usernameEnv'), passwordEnv: envName('passwordEnv') }).strict()
  ],
  { error: 'auth.kind must be bearer or basic' }
)
export type SignalAuth = z.infer<typeof signalAuthSchema>

const httpUrl = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .max(2000, `${what} is longer than 2000 characters`)
    .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), {
      message: `${what} must be an http:// or https:// URL such as http://127.0.0.1:9090`
    })
    // A URL is shown in the UI and the timeline; credentials inside it would leak there.
    .refine((u) => !URL.canParse(u) || (new URL(u).username === '' && new URL(u).password === ''), {
      message: `${what} must not contain a user name or password; name environment variables in auth instead`
    })

const labelName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'label names are letters, digits and underscores, like "handler"')

const JSON_KEY = String.raw`[^.[\]\s'"]+`
const JSON_BRACKET = String.raw`\[(?:\d+|'[^']*'|"[^"]*")\]`
const JSON_STEP = String.raw`(?:\.${JSON_KEY}|${JSON_BRACKET})`
/**
 * Everything `json-path.ts` in main accepts: `checks.db.latencyMs`, `items[0].value`, `$.a["key.with.dots"]`. A leading
 * `$` is the document itself, so a key that starts with `$` is written in brackets: `["$ref"]`.
 */
export const JSON_PATH_PATTERN = new RegExp(String.raw`^(?:\$${JSON_STEP}*|(?!\$)${JSON_KEY}${JSON_STEP}*|${JSON_BRACKET}${JSON_STEP}*)$`)

const prometheusSource = z
  .object({
    kind: z.literal('prometheus'),
    url: httpUrl('Prometheus URL (the server base, such as http://prometheus:9090)'),
    query: z.string({ error: 'query is required: a PromQL expression' }).trim().min(1, 'query is required: a PromQL expression').max(4000),
    auth: signalAuthSchema.optional()
  })
  .strict()

const scrapeSource = z
  .object({
    kind: z.literal('scrape'),
    url: httpUrl('Metrics URL (the full /metrics address)'),
    metric: z
      .string({ error: 'metric is required' })
      .regex(/^[A-Za-z_:][A-Za-z0-9_:]*$/, 'metric must be a Prometheus metric name such as http_requests_total'),
    labels: z.record(labelName, z.string().max(500)).optional(),
    /** For a histogram: the quantile to estimate from `<metric>_bucket`, between 0 and 1 (0.95 for p95). */
    quantile: z.number().min(0, 'quantile is between 0 and 1, such as 0.95').max(1, 'quantile is between 0 and 1, such as 0.95').optional(),
    /** For a counter: report the per-second rate between two scrapes rather than the running total. */
    rate: z.boolean().optional(),
    /**
     * With `rate`: take the rate over this many seconds of scrapes, as Prometheus's `rate(x[5m])` does, rather than
     * between the last two. A low-traffic error ratio needs it: one error in a 5-second slice reads as 2 %.
     */
    windowSeconds: z.number().int('windowSeconds is a whole number').min(1, 'windowSeconds is at least 1').max(86_400, 'windowSeconds is at most 86400 (a day)').optional(),
    /**
     * With `rate`: divide by the rate of these series, for a ratio such as 5xx over all requests. `metric` defaults to
     * the signal's own metric.
     */
    over: z
      .object({
        metric: z
          .string()
          .regex(/^[A-Za-z_:][A-Za-z0-9_:]*$/, 'over.metric must be a Prometheus metric name such as http_requests_total')
          .optional(),
        labels: z.record(labelName, z.string().max(500)).optional()
      })
      .strict()
      .optional(),
    auth: signalAuthSchema.optional()
  })
  .strict()

const jsonSource = z
  .object({
    kind: z.literal('json'),
    url: httpUrl('JSON URL'),
    path: z
      .string({ error: 'path is required, such as checks.db.latencyMs' })
      .trim()
      .min(1, 'path is required, such as checks.db.latencyMs')
      .max(500)
      .regex(JSON_PATH_PATTERN, 'path must be dotted keys and [index] brackets, such as checks.db.latencyMs or items[0].value'),
    auth: signalAuthSchema.optional()
  })
  .strict()

const probeSource = z.object({ kind: z.literal('probe'), url: httpUrl('Probe URL'), auth: signalAuthSchema.optional() }).strict()

export const signalSourceSchema = z.discriminatedUnion('kind', [prometheusSource, scrapeSource, jsonSource, probeSource], {
  error: 'the source kind must be prometheus, scrape, json or probe'
})
export type SignalSource = z.infer<typeof signalSourceSchema>
export type SignalSourceKind = SignalSource['kind']

export const THRESHOLD_DIRECTIONS = ['above', 'below'] as const
export const thresholdsSchema = z
  .object({
    /** `above`: higher is worse (error rate, latency). `below`: lower is worse (availability, throughput). */
    direction: z.enum(THRESHOLD_DIRECTIONS, { error: 'direction must be above or below' }),
    warn: z.number().finite().optional(),
    critical: z.number().finite().optional()
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.warn === undefined || t.critical === undefined) return
    const ordered = t.direction === 'above' ? t.warn < t.critical : t.warn > t.critical
    if (!ordered) {
      const side = t.direction === 'above' ? 'below' : 'above'
      ctx.addIssue({
        code: 'custom',
        path: ['warn'],
        message: `warn (${t.warn}) must be ${side} critical (${t.critical}) for a signal that breaches ${t.direction} its thresholds`
      })
    }
  })
export type Thresholds = z.infer<typeof thresholdsSchema>

/** When a breach counts as sustained: N samples in a row, or breaching without a break for D seconds. */
export const breachRuleSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('consecutive'), count: z.number().int().min(1, 'count is at least 1').max(1000) }).strict(),
    z.object({ kind: z.literal('duration'), seconds: z.number().positive('seconds must be above 0').max(86_400) }).strict()
  ],
  { error: 'breach.kind must be consecutive or duration' }
)
export type BreachRule = z.infer<typeof breachRuleSchema>

// One severity scale for the whole room: a signal's breach opens an incident of the rollout's kind.
export { SEVERITIES, severitySchema, type Severity }

export const SIGNAL_ROLES = ['canary', 'baseline'] as const
export const signalRoleSchema = z.enum(SIGNAL_ROLES, { error: 'role must be canary or baseline' })
export type SignalRole = z.infer<typeof signalRoleSchema>

/**
 * The fields of a signal as a plain object, for composing into other schemas. Use `signalDefinitionSchema` to parse:
 * it adds the cross-field rules and fills the timeout.
 */
export const signalFieldsSchema = z
  .object({
    name: z.string({ error: 'name is required' }).trim().min(1, 'name is required').max(100, 'name is longer than 100 characters'),
    source: signalSourceSchema,
    unit: z.string().trim().max(20, 'unit is longer than 20 characters').default(''),
    intervalMs: z
      .number()
      .int('intervalMs is a whole number of milliseconds')
      .min(MIN_INTERVAL_MS, `intervalMs is at least ${MIN_INTERVAL_MS} (one poll a second)`)
      .max(3_600_000, 'intervalMs is at most 3600000 (one hour)')
      .default(DEFAULT_INTERVAL_MS),
    timeoutMs: z.number().int('timeoutMs is a whole number of milliseconds').min(100, 'timeoutMs is at least 100').optional(),
    thresholds: thresholdsSchema,
    /**
     * Each reading is multiplied by this before it is stored and judged: 100 turns a ratio into percent, 1000 seconds
     * into milliseconds, so thresholds and charts read in the unit people speak in.
     */
    scale: z.number().finite().positive('scale must be above 0').optional(),
    breach: breachRuleSchema.default({ kind: 'consecutive', count: 3 }),
    severity: severitySchema,
    role: signalRoleSchema.optional()
  })
  .strict()

export const signalDefinitionSchema = signalFieldsSchema
  .superRefine((s, ctx) => {
    // A poll that may outlive its interval would either overlap the next one or silently skip it.
    if (s.timeoutMs !== undefined && s.timeoutMs >= s.intervalMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['timeoutMs'],
        message: `timeoutMs (${s.timeoutMs}) must be below intervalMs (${s.intervalMs}) so each poll ends before the next is due; lower the timeout or poll less often`
      })
    }
    if (s.source.kind === 'scrape' && (s.source.over || s.source.windowSeconds) && !s.source.rate) {
      ctx.addIssue({
        code: 'custom',
        path: ['source', s.source.over ? 'over' : 'windowSeconds'],
        message: `${s.source.over ? 'over' : 'windowSeconds'} applies to rates: set rate to true, or leave it out`
      })
    }
    if (s.source.kind === 'scrape' && s.source.over && s.source.quantile !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['source', 'over'], message: 'a quantile is not divided by anything: leave over out' })
    }
    if (s.source.kind === 'scrape' && s.source.quantile !== undefined && s.source.labels && 'le' in s.source.labels) {
      ctx.addIssue({
        code: 'custom',
        path: ['source', 'labels', 'le'],
        message: 'leave out the le label: a quantile is estimated across all of the histogram buckets'
      })
    }
  })
  .transform((s) => ({ ...s, timeoutMs: s.timeoutMs ?? defaultTimeoutMs(s.intervalMs) }))

export type SignalDefinitionInput = z.input<typeof signalDefinitionSchema>
export type SignalDefinition = z.output<typeof signalDefinitionSchema>

export function defaultTimeoutMs(intervalMs: number): number {
  return Math.min(DEFAULT_TIMEOUT_MS, Math.floor(intervalMs / 2))
}

/** `stale`: no fresh sample within the expected time; `error`: the last poll failed (see the failure reason). */
export const SIGNAL_STATES = ['ok', 'warn', 'critical', 'stale', 'error'] as const
export type SignalState = (typeof SIGNAL_STATES)[number]

/** One reading: `t` is epoch milliseconds. */
export interface Sample {
  t: number
  v: number
}

export const POLL_FAILURE_REASONS = ['timeout', 'refused', 'http', 'unparseable', 'non-numeric', 'too-large', 'reset', 'no-data'] as const
export type PollFailureReason = (typeof POLL_FAILURE_REASONS)[number]

/** The faults the demo's simulated service can be told to show (see src/main/demo/demo-metrics). */
export const DEMO_FAULT_NAMES = ['none', 'errors', 'latency'] as const
export type DemoFaultName = (typeof DEMO_FAULT_NAMES)[number]
