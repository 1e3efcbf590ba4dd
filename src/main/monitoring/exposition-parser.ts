/**
 * The Prometheus text exposition format (version 0.0.4), as served at `/metrics` by node_exporter and the official
 * client libraries: `# HELP` and `# TYPE` lines, then one sample per line, `name{label="value",…} value [timestamp]`.
 * OpenMetrics additions that appear in the wild (`# EOF`, exemplars after `#`, quoted UTF-8 names) are tolerated.
 */

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped' | 'gaugehistogram' | 'info' | 'stateset' | 'unknown'

const METRIC_TYPES: ReadonlySet<string> = new Set<MetricType>([
  'counter',
  'gauge',
  'histogram',
  'summary',
  'untyped',
  'gaugehistogram',
  'info',
  'stateset',
  'unknown'
])

export interface ExpositionSample {
  name: string
  labels: Readonly<Record<string, string>>
  /** May be NaN or ±Infinity: the format allows them, and the reader decides whether they are usable. */
  value: number
  /** Milliseconds since the epoch, when the exporter gave one. */
  timestampMs?: number
}

export interface Exposition {
  samples: ExpositionSample[]
  /** Declared type per metric family name (the name before `_bucket`, `_sum`, `_count`). */
  types: ReadonlyMap<string, MetricType>
  help: ReadonlyMap<string, string>
}

export class ExpositionParseError extends Error {
  constructor(
    readonly line: number,
    readonly detail: string,
    readonly text: string
  ) {
    super(`The metrics text is not valid Prometheus exposition format: line ${line}: ${detail} (in "${clip(text)}")`)
    this.name = 'ExpositionParseError'
  }
}

const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}...` : s)

const NAME_START = /[A-Za-z_:]/
const NAME_CHAR = /[A-Za-z0-9_:]/
const LABEL_START = /[A-Za-z_]/
const LABEL_CHAR = /[A-Za-z0-9_]/
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/
const INTEGER = /^-?\d+$/

/** Go's `strconv.ParseFloat` as exporters write it: decimals, exponents, `NaN`, `+Inf`, `-Inf` (any case). */
export function parseSampleValue(text: string): number | undefined {
  if (DECIMAL.test(text)) return Number(text)
  const lower = text.toLowerCase()
  if (lower === 'nan') return Number.NaN
  if (lower === '+inf' || lower === 'inf' || lower === '+infinity' || lower === 'infinity') return Number.POSITIVE_INFINITY
  if (lower === '-inf' || lower === '-infinity') return Number.NEGATIVE_INFINITY
  return undefined
}

/** Reads one line; `fail` throws with the line's position already filled in. */
class LineCursor {
  pos = 0
  constructor(
    readonly text: string,
    readonly fail: (detail: string) => never
  ) {}

  get done(): boolean {
    return this.pos >= this.text.length
  }

  peek(): string {
    return this.text[this.pos] ?? ''
  }

  skipBlanks(): number {
    const start = this.pos
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++
    return this.pos - start
  }

  name(start: RegExp, rest: RegExp, what: string): string {
    const from = this.pos
    if (!start.test(this.peek())) this.fail(`expected ${what} at column ${this.pos + 1}`)
    this.pos++
    while (!this.done && rest.test(this.peek())) this.pos++
    return this.text.slice(from, this.pos)
  }

  quoted(): string {
    if (this.peek() !== '"') this.fail(`expected a double quote at column ${this.pos + 1}`)
    this.pos++
    let out = ''
    for (;;) {
      if (this.done) this.fail('a quoted value is not closed')
      const c = this.text[this.pos++]
      if (c === '"') return out
      if (c !== '\\') {
        out += c
        continue
      }
      if (this.done) this.fail('a quoted value ends in a lone backslash')
      const escaped = this.text[this.pos++]
      // Only these three escapes exist in the format; anything else is kept as written, as Prometheus does.
      out += escaped === 'n' ? '\n' : escaped === '"' || escaped === '\\' ? escaped : `\\${escaped}`
    }
  }

  token(): string {
    const from = this.pos
    while (!this.done && this.peek() !== ' ' && this.peek() !== '\t') this.pos++
    return this.text.slice(from, this.pos)
  }
}

export function parseExposition(text: string): Exposition {
  const samples: ExpositionSample[] = []
  const types = new Map<string, MetricType>()
  const help = new Map<string, string>()
  const lines = text.split('\n')

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i]
    const fail = (detail: string): never => {
      throw new ExpositionParseError(i + 1, detail, raw)
    }
    const cursor = new LineCursor(raw, fail)
    cursor.skipBlanks()
    if (cursor.done) continue
    if (cursor.peek() === '#') {
      readComment(cursor, types, help)
      continue
    }
    samples.push(readSample(cursor))
  }
  return { samples, types, help }
}

function readComment(cursor: LineCursor, types: Map<string, MetricType>, help: Map<string, string>): void {
  cursor.pos++
  if (cursor.skipBlanks() === 0) return
  const keyword = cursor.token()
  if (keyword !== 'HELP' && keyword !== 'TYPE') return
  if (cursor.skipBlanks() === 0) return
  const name = cursor.peek() === '"' ? cursor.quoted() : cursor.name(NAME_START, NAME_CHAR, 'a metric name')
  cursor.skipBlanks()
  const rest = cursor.text.slice(cursor.pos)
  if (keyword === 'HELP') {
    help.set(name, rest.replace(/\\(\\|n)/g, (_m, c: string) => (c === 'n' ? '\n' : '\\')))
    return
  }
  const type = rest.trim().toLowerCase()
  if (!METRIC_TYPES.has(type)) cursor.fail(`unknown metric type "${rest.trim()}" for ${name}`)
  types.set(name, type as MetricType)
}

function readSample(cursor: LineCursor): ExpositionSample {
  let name = cursor.peek() === '{' ? '' : cursor.name(NAME_START, NAME_CHAR, 'a metric name')
  const labels: Record<string, string> = Object.create(null) as Record<string, string>
  const afterName = cursor.pos
  cursor.skipBlanks()
  if (cursor.peek() !== '{') cursor.pos = afterName
  else {
    cursor.pos++
    for (;;) {
      cursor.skipBlanks()
      if (cursor.peek() === '}') {
        cursor.pos++
        break
      }
      let label: string
      if (cursor.peek() === '"') {
        const quoted = cursor.quoted()
        cursor.skipBlanks()
        // A quoted string on its own inside the braces is a UTF-8 metric name (Prometheus 3, OpenMetrics 2).
        if (cursor.peek() === ',' || cursor.peek() === '}') {
          if (name !== '') cursor.fail(`the metric is named twice ("${name}" and "${quoted}")`)
          name = quoted
          if (cursor.peek() === ',') cursor.pos++
          continue
        }
        label = quoted
      } else {
        label = cursor.name(LABEL_START, LABEL_CHAR, 'a label name')
      }
      cursor.skipBlanks()
      if (cursor.peek() !== '=') cursor.fail(`expected = after label ${label}`)
      cursor.pos++
      cursor.skipBlanks()
      if (Object.hasOwn(labels, label)) cursor.fail(`label ${label} appears twice`)
      labels[label] = cursor.quoted()
      cursor.skipBlanks()
      if (cursor.peek() === ',') cursor.pos++
      else if (cursor.peek() !== '}') cursor.fail(`expected , or } after the value of label ${label}`)
    }
  }
  if (name === '') cursor.fail('the sample has no metric name')
  if (cursor.skipBlanks() === 0 && !cursor.done) cursor.fail(`expected a space before the value of ${name}`)
  const valueText = cursor.token()
  if (valueText === '') cursor.fail(`${name} has no value`)
  const value = parseSampleValue(valueText)
  if (value === undefined) cursor.fail(`"${valueText}" is not a number (the value of ${name})`)
  const sample: ExpositionSample = { name, labels, value: value as number }
  cursor.skipBlanks()
  if (!cursor.done && cursor.peek() !== '#') {
    const stamp = cursor.token()
    if (!INTEGER.test(stamp)) cursor.fail(`"${stamp}" is not a timestamp in milliseconds (after the value of ${name})`)
    sample.timestampMs = Number(stamp)
    cursor.skipBlanks()
  }
  // Whatever follows `#` is an OpenMetrics exemplar, which says nothing about the value.
  if (!cursor.done && cursor.peek() !== '#') cursor.fail(`unexpected "${clip(cursor.text.slice(cursor.pos))}" after the sample`)
  return sample
}

/** Series whose name is `metric` and whose labels include every one of `labels` (others may be present). */
export function selectSeries(
  samples: readonly ExpositionSample[],
  metric: string,
  labels: Readonly<Record<string, string>> = {}
): ExpositionSample[] {
  const wanted = Object.entries(labels)
  return samples.filter((s) => s.name === metric && wanted.every(([k, v]) => Object.hasOwn(s.labels, k) && s.labels[k] === v))
}

/** A stable identity for one series, the same whatever order the exporter wrote its labels in. */
export function seriesKey(sample: Pick<ExpositionSample, 'name' | 'labels'>, without: readonly string[] = []): string {
  const entries = Object.entries(sample.labels)
    .filter(([k]) => !without.includes(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return JSON.stringify([sample.name, entries])
}

/** `name{a="1",b="2"}`, for messages. */
export function describeSelector(metric: string, labels: Readonly<Record<string, string>> = {}): string {
  const inner = Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',')
  return inner ? `${metric}{${inner}}` : metric
}
