import type { Clock } from '../clock'
import type { SignalSource } from '../../shared/signal'
import { authHeaders, environmentSecrets, type SecretLookup } from './auth-headers'
import { boundedGet, type BoundedGetOptions, type BoundedGetResult } from './bounded-get'
import { selectJsonPath } from './json-path'
import { instantQueryUrl, instantValue, parseQueryResponse } from './prometheus-api'
import { finiteValue, statusOf, type Reading, type ReadRequest, type SourceReader, type ValueOutcome } from './reading'
import { scrapeReader } from './scrape-reader'
import type { Timers } from './timers'

/** Generous for node_exporter (a few hundred KiB) and a Prometheus answer; small enough that a runaway body is cut early. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024

export interface SourceReaderDeps {
  clock: Clock
  timers?: Timers
  maxBytes?: number
  secrets?: SecretLookup
  /** Monotonic milliseconds for probe latency. */
  now?: () => number
  get?: (url: string, options: BoundedGetOptions) => Promise<BoundedGetResult>
}

/** Asks for the classic text format; an exporter that also speaks OpenMetrics or protobuf would otherwise pick one. */
const TEXT_FORMAT = 'text/plain;version=0.0.4;q=1,*/*;q=0.1'

const NUMERIC_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/

/** Health endpoints write numbers as numbers, as numeric strings ("12.5") and as booleans (healthy: true → 1). */
function jsonNumber(value: unknown, path: string): ValueOutcome {
  if (typeof value === 'number') return finiteValue(value, `the value at ${path}`)
  if (typeof value === 'boolean') return { ok: true, value: value ? 1 : 0 }
  if (typeof value === 'string' && NUMERIC_TEXT.test(value)) return finiteValue(Number(value), `the value at ${path}`)
  const shown =
    typeof value === 'string'
      ? JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)
      : value === null
        ? 'null'
        : Array.isArray(value)
          ? 'a list'
          : typeof value === 'object'
            ? 'an object'
            : String(value)
  return { ok: false, reason: 'non-numeric', message: `the value at ${path} is ${shown}, not a number` }
}

export function createSourceReader(source: SignalSource, deps: SourceReaderDeps): SourceReader {
  const get = deps.get ?? boundedGet
  const secrets = deps.secrets ?? environmentSecrets
  const maxBytes = deps.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES

  const httpGet = async (url: string, accept: string, request: ReadRequest): Promise<BoundedGetResult | { ok: false; reason: 'http'; message: string }> => {
    const auth = authHeaders(source.auth, secrets)
    if (!auth.ok) return { ok: false, reason: 'http', message: auth.message }
    return get(url, {
      timeoutMs: request.timeoutMs,
      maxBytes,
      signal: request.signal,
      headers: { accept, ...auth.headers },
      timers: deps.timers,
      now: deps.now
    })
  }

  const settle = (value: ValueOutcome, extra: { status?: number } = {}): Reading => {
    const at = deps.clock.now()
    return value.ok ? { ok: true, value: value.value, at } : { ok: false, reason: value.reason, message: value.message, at, ...extra }
  }

  let read: (request: ReadRequest) => Promise<Reading>
  switch (source.kind) {
    case 'prometheus':
      read = async (request) => {
        const response = await httpGet(instantQueryUrl(source.url, source.query), 'application/json', request)
        if (!response.ok) {
          // Prometheus answers a bad query with 400 or 422 and an error envelope that says what is wrong with it.
          if ('body' in response && response.body) {
            const parsed = parseQueryResponse(response.body.toString('utf8'))
            if (!parsed.ok && parsed.kind === 'error-envelope') {
              return settle({ ok: false, reason: 'http', message: `HTTP ${response.status}: ${parsed.message}` }, { status: response.status })
            }
          }
          return settle(response, statusOf(response))
        }
        const parsed = parseQueryResponse(response.body.toString('utf8'))
        if (!parsed.ok) return settle({ ok: false, reason: parsed.kind === 'error-envelope' ? 'http' : 'unparseable', message: parsed.message })
        const single = instantValue(parsed.data)
        return settle(single.ok ? finiteValue(single.value, `the result of ${source.query}`) : single)
      }
      break
    case 'json':
      read = async (request) => {
        const response = await httpGet(source.url, 'application/json', request)
        if (!response.ok) return settle(response, statusOf(response))
        let document: unknown
        try {
          document = JSON.parse(response.body.toString('utf8'))
        } catch (error) {
          return settle({ ok: false, reason: 'unparseable', message: `the response is not valid JSON (${error instanceof Error ? error.message : String(error)})` })
        }
        const selected = selectJsonPath(document, source.path)
        if (!selected.ok) return settle({ ok: false, reason: 'no-data', message: selected.message })
        return settle(jsonNumber(selected.value, source.path))
      }
      break
    case 'probe':
      read = async (request) => {
        const response = await httpGet(source.url, '*/*', request)
        const at = deps.clock.now()
        if (response.ok) return { ok: true, value: 1, at, probe: { up: true, status: response.status, latencyMs: response.elapsedMs } }
        const latencyMs = 'elapsedMs' in response ? response.elapsedMs : 0
        // For a probe, "down" is the measurement, not a failed poll: availability is exactly what it watches.
        return { ok: true, value: 0, at, probe: { up: false, ...statusOf(response), latencyMs, reason: response.reason, message: response.message } }
      }
      break
    case 'scrape':
      read = scrapeReader(source, deps.clock, (url, request) => httpGet(url, TEXT_FORMAT, request), settle)
      break
  }

  return {
    async read(request) {
      try {
        return await read(request)
      } catch (error) {
        return {
          ok: false,
          reason: 'unparseable',
          message: `reading the source failed unexpectedly (${error instanceof Error ? error.message : String(error)})`,
          at: deps.clock.now()
        }
      }
    }
  }
}
