import { z } from 'zod'
import type { PollFailureReason, Sample } from '../../shared/signal'
import { describeSelector, parseSampleValue } from './exposition-parser'

/** Prometheus refuses a range query that would return more points than this for one series. */
export const PROMETHEUS_MAX_POINTS_PER_SERIES = 11_000

export class InvalidQueryRangeError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InvalidQueryRangeError'
  }
}

export interface QueryRange {
  startMs: number
  endMs: number
  stepSeconds: number
}

function apiUrl(baseUrl: string, endpoint: string): URL {
  const url = new URL(baseUrl)
  // The base may carry a path prefix (a Prometheus behind a reverse proxy at /prometheus); keep it.
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/api/v1/${endpoint}`
  url.search = ''
  url.hash = ''
  return url
}

const seconds = (ms: number) => String(ms / 1000)

/** `GET <base>/api/v1/query?query=…[&time=…]`; `atMs` pins the evaluation time, otherwise Prometheus uses its now. */
export function instantQueryUrl(baseUrl: string, query: string, atMs?: number): string {
  const url = apiUrl(baseUrl, 'query')
  url.searchParams.set('query', query)
  if (atMs !== undefined) url.searchParams.set('time', seconds(atMs))
  return url.toString()
}

/** `GET <base>/api/v1/query_range?query=…&start=…&end=…&step=…`. */
export function rangeQueryUrl(baseUrl: string, query: string, range: QueryRange): string {
  const url = apiUrl(baseUrl, 'query_range')
  url.searchParams.set('query', query)
  url.searchParams.set('start', seconds(range.startMs))
  url.searchParams.set('end', seconds(range.endMs))
  url.searchParams.set('step', String(range.stepSeconds))
  return url.toString()
}

/**
 * The smallest whole-second step at which a range query returns at most `maxPoints` points per series (Prometheus
 * returns ⌊(end − start) / step⌋ + 1), and never more than Prometheus's own limit. `minStepSeconds` keeps the step
 * from going finer than the data (a step below the scrape interval only repeats samples).
 */
export function chooseRangeStep(startMs: number, endMs: number, maxPoints: number, minStepSeconds = 1): number {
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs < startMs) {
    throw new InvalidQueryRangeError(`A chart range must end after it starts (start ${startMs}, end ${endMs}); pick a later end time.`)
  }
  if (!Number.isInteger(maxPoints) || maxPoints < 1) {
    throw new InvalidQueryRangeError(`maxPoints must be a whole number of at least 1, not ${maxPoints}.`)
  }
  const limit = Math.min(maxPoints, PROMETHEUS_MAX_POINTS_PER_SERIES)
  // ⌊range / step⌋ + 1 ≤ limit holds exactly when step > range / limit.
  const needed = Math.floor((endMs - startMs) / (1000 * limit)) + 1
  return Math.max(Math.ceil(minStepSeconds), needed)
}

/** A range query for a chart: the whole range, at the step `chooseRangeStep` picks. */
export function planRangeQuery(startMs: number, endMs: number, maxPoints: number, minStepSeconds = 1): QueryRange {
  return { startMs, endMs, stepSeconds: chooseRangeStep(startMs, endMs, maxPoints, minStepSeconds) }
}

/** Points a range query will return per series, as Prometheus counts them. */
export function rangePointCount(range: QueryRange): number {
  return Math.floor((range.endMs - range.startMs) / 1000 / range.stepSeconds) + 1
}

export interface PromSeries {
  labels: Record<string, string>
  /** Values may be NaN or ±Infinity: Prometheus sends them as the strings "NaN", "+Inf", "-Inf". */
  samples: Sample[]
}

export type PromQueryData =
  | { resultType: 'vector'; series: PromSeries[] }
  | { resultType: 'matrix'; series: PromSeries[] }
  | { resultType: 'scalar'; sample: Sample }
  | { resultType: 'string'; t: number; value: string }

export type PromResponse =
  | { ok: true; data: PromQueryData; warnings: string[] }
  | { ok: false; kind: 'error-envelope'; errorType: string; message: string }
  | { ok: false; kind: 'malformed'; message: string }

const pair = z.tuple([z.number(), z.string()])
const labels = z.record(z.string(), z.string())
const successSchema = z.object({
  status: z.literal('success'),
  data: z.discriminatedUnion('resultType', [
    z.object({
      resultType: z.literal('vector'),
      result: z.array(z.object({ metric: labels, value: pair.optional(), histogram: z.unknown().optional() }))
    }),
    z.object({
      resultType: z.literal('matrix'),
      result: z.array(z.object({ metric: labels, values: z.array(pair).optional(), histograms: z.unknown().optional() }))
    }),
    z.object({ resultType: z.literal('scalar'), result: pair }),
    z.object({ resultType: z.literal('string'), result: pair })
  ]),
  warnings: z.array(z.string()).optional()
})
const errorSchema = z.object({ status: z.literal('error'), errorType: z.string(), error: z.string() })

class MalformedResponse extends Error {}

function toSample([t, text]: [number, string]): Sample {
  const v = parseSampleValue(text)
  if (v === undefined) throw new MalformedResponse(`the value "${text}" at ${t} is not a number`)
  return { t: Math.round(t * 1000), v }
}

/**
 * Reads a Prometheus HTTP API body, whatever the HTTP status: Prometheus answers a bad query with 400 or 422 and its
 * error envelope, and that envelope is the message worth showing.
 */
export function parseQueryResponse(body: string): PromResponse {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return {
      ok: false,
      kind: 'malformed',
      message: 'the answer is not JSON; check that the URL points at the Prometheus server itself (its base URL, such as http://prometheus:9090)'
    }
  }
  const failure = errorSchema.safeParse(json)
  if (failure.success) {
    const { errorType, error } = failure.data
    return { ok: false, kind: 'error-envelope', errorType, message: `Prometheus refused the query (${errorType}): ${error}` }
  }
  const parsed = successSchema.safeParse(json)
  if (!parsed.success) {
    return {
      ok: false,
      kind: 'malformed',
      message: 'the answer is JSON but not a Prometheus query response (no status "success" with data.resultType and data.result)'
    }
  }
  try {
    return { ok: true, data: toQueryData(parsed.data.data), warnings: parsed.data.warnings ?? [] }
  } catch (error) {
    if (error instanceof MalformedResponse) return { ok: false, kind: 'malformed', message: error.message }
    throw error
  }
}

function toQueryData(data: z.infer<typeof successSchema>['data']): PromQueryData {
  switch (data.resultType) {
    case 'vector':
      return {
        resultType: 'vector',
        series: data.result.map((r) => {
          if (!r.value) {
            const series = describeSelector('', r.metric) || '{}'
            throw new MalformedResponse(`series ${series} is a native histogram; wrap the query in histogram_quantile() or histogram_count()`)
          }
          return { labels: r.metric, samples: [toSample(r.value)] }
        })
      }
    case 'matrix':
      return { resultType: 'matrix', series: data.result.map((r) => ({ labels: r.metric, samples: (r.values ?? []).map(toSample) })) }
    case 'scalar':
      return { resultType: 'scalar', sample: toSample(data.result) }
    case 'string':
      return { resultType: 'string', t: Math.round(data.result[0] * 1000), value: data.result[1] }
  }
}

export type InstantValue = { ok: true; value: number; t: number } | { ok: false; reason: PollFailureReason; message: string }

/** A signal is one number, so an instant query must come back as one series or a scalar. */
export function instantValue(data: PromQueryData): InstantValue {
  switch (data.resultType) {
    case 'scalar':
      return { ok: true, value: data.sample.v, t: data.sample.t }
    case 'string':
      return { ok: false, reason: 'non-numeric', message: `the query returned the string "${data.value}", not a number` }
    case 'matrix':
      return {
        ok: false,
        reason: 'unparseable',
        message:
          'the query returned a range vector; ask for one value per instant, for example rate(http_requests_total[5m]) rather than http_requests_total[5m]'
      }
    case 'vector': {
      if (data.series.length === 0) {
        return {
          ok: false,
          reason: 'no-data',
          message: 'the query returned no series; check the metric name and labels, and that Prometheus is scraping the target'
        }
      }
      if (data.series.length > 1) {
        const shown = data.series.slice(0, 3).map((s) => describeSelector('', s.labels) || '{}')
        return {
          ok: false,
          reason: 'unparseable',
          message:
            `the query returned ${data.series.length} series (${shown.join(', ')}${data.series.length > 3 ? ', …' : ''}); ` +
            'aggregate to one, for example with sum(…), or add label matchers'
        }
      }
      const [sample] = data.series[0].samples
      return { ok: true, value: sample.v, t: sample.t }
    }
  }
}
