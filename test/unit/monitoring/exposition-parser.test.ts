import { describe, expect, it } from 'vitest'
import {
  describeSelector,
  ExpositionParseError,
  parseExposition,
  parseSampleValue,
  selectSeries,
  seriesKey
} from '../../../src/main/monitoring/exposition-parser'
import { GO_SERVICE_METRICS } from './payloads'

describe('parseExposition on a real service scrape', () => {
  const parsed = parseExposition(GO_SERVICE_METRICS)
  const one = (name: string, labels: Record<string, string> = {}) => {
    const found = selectSeries(parsed.samples, name, labels)
    expect(found).toHaveLength(1)
    return found[0]
  }

  it('reads every sample line and skips comments and blank lines', () => {
    expect(parsed.samples).toHaveLength(46)
  })

  it('records declared types and help text, unescaping the help', () => {
    expect(parsed.types.get('http_requests_total')).toBe('counter')
    expect(parsed.types.get('go_goroutines')).toBe('gauge')
    expect(parsed.types.get('http_request_duration_seconds')).toBe('histogram')
    expect(parsed.types.get('rpc_duration_seconds')).toBe('summary')
    expect(parsed.help.get('weird_help')).toBe('A help text with a backslash \\ and a line break \n in it.')
  })

  it('reads gauges, counters in exponent notation and summary quantiles', () => {
    expect(one('go_goroutines').value).toBe(37)
    expect(one('go_memstats_alloc_bytes').value).toBe(4194304)
    expect(one('node_cpu_seconds_total', { cpu: '1', mode: 'user' }).value).toBe(1300.04)
    expect(one('rpc_duration_seconds', { quantile: '0.99' }).value).toBe(76656)
    expect(one('go_gc_duration_seconds', { quantile: '0' }).value).toBe(2.8413e-5)
  })

  it('unescapes backslashes, quotes and newlines inside label values', () => {
    const s = one('msdos_file_access_time_seconds')
    expect(s.labels.path).toBe('C:\\DIR\\FILE.TXT')
    expect(s.labels.error).toBe('Cannot find file:\n"FILE.TXT"')
    expect(s.value).toBe(1.458255915e9)
  })

  it('keeps timestamps, including ones before the epoch, and tolerates extra spaces', () => {
    expect(one('http_requests_total', { code: '200' })).toMatchObject({ value: 1027, timestampMs: 1395066363000 })
    expect(one('http_requests_total', { code: '400' })).toMatchObject({ value: 3, timestampMs: 1395066363000 })
    expect(one('something_weird')).toMatchObject({ value: Number.POSITIVE_INFINITY, timestampMs: -3982045 })
    expect(one('metric_without_timestamp_and_labels').timestampMs).toBeUndefined()
  })

  it('reads NaN, +Inf and -Inf, and a trailing comma in the label set', () => {
    expect(one('cache_hit_ratio').value).toBeNaN()
    expect(one('something_weird').value).toBe(Number.POSITIVE_INFINITY)
    expect(one('weird_help')).toMatchObject({ value: Number.NEGATIVE_INFINITY, labels: { le_not_a_bucket: 'x', trailing: 'comma' } })
  })

  it('selects by name and a label subset, ignoring labels not asked about', () => {
    expect(selectSeries(parsed.samples, 'node_cpu_seconds_total', { mode: 'idle' }).map((s) => s.labels.cpu)).toEqual(['0', '1'])
    expect(selectSeries(parsed.samples, 'http_request_duration_seconds_bucket', { handler: '/api/checkout' })).toHaveLength(6)
    expect(selectSeries(parsed.samples, 'http_request_duration_seconds_bucket')).toHaveLength(12)
    expect(selectSeries(parsed.samples, 'node_cpu_seconds_total', { mode: 'steal' })).toEqual([])
    expect(selectSeries(parsed.samples, 'node_cpu_seconds', {})).toEqual([])
  })
})

describe('parseExposition edge cases', () => {
  it('accepts CRLF line endings, tabs, OpenMetrics exemplars and # EOF', () => {
    const text = '# TYPE a counter\r\na_total{x="1"}\t5 # {trace_id="abc"} 1.0 1600000000.000\r\nb 1 1700000000000 # {} 2\r\n# EOF\r\n'
    const { samples } = parseExposition(text)
    expect(samples).toEqual([
      { name: 'a_total', labels: { x: '1' }, value: 5 },
      { name: 'b', labels: {}, value: 1, timestampMs: 1700000000000 }
    ])
  })

  it('accepts quoted UTF-8 metric and label names (Prometheus 3)', () => {
    const { samples } = parseExposition('{"checkout.errors", "service.name"="cart", code="500"} 4\n')
    expect(samples).toEqual([{ name: 'checkout.errors', labels: { 'service.name': 'cart', code: '500' }, value: 4 }])
  })

  it('keeps an unknown escape as written, as Prometheus does', () => {
    expect(parseExposition('m{p="a\\tb"} 1').samples[0].labels.p).toBe('a\\tb')
  })

  it('treats a label named like an object property as an ordinary label', () => {
    expect(parseExposition('m{constructor="x",__proto__="y"} 1').samples[0].labels).toEqual(
      Object.assign(Object.create(null) as object, { constructor: 'x', ['__proto__']: 'y' })
    )
  })

  const rejects: Array<[string, string, RegExp]> = [
    ['a value that is not a number', 'ok 1\nup yes\n', /line 2: "yes" is not a number \(the value of up\)/],
    ['a missing value', 'up\n', /line 1: up has no value/],
    ['an unclosed label value', 'up{job="api} 1\n', /line 1: a quoted value is not closed/],
    ['a label without =', 'up{job"api"} 1\n', /expected = after label job/],
    ['a repeated label', 'up{job="a",job="b"} 1\n', /label job appears twice/],
    ['a fractional timestamp', 'up 1 1700000000.5\n', /"1700000000.5" is not a timestamp in milliseconds/],
    ['text after the timestamp', 'up 1 17 18\n', /unexpected "18" after the sample/],
    ['an unknown type', '# TYPE up gauges\n', /unknown metric type "gauges" for up/],
    ['a name starting with a digit', '9up 1\n', /expected a metric name at column 1/],
    ['a missing space before the value', 'up{job="a"}1\n', /expected a space before the value of up/]
  ]
  it.each(rejects)('refuses %s with the line and a sentence', (_what, text, message) => {
    let caught: unknown
    try {
      parseExposition(text)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ExpositionParseError)
    expect((caught as Error).message).toMatch(/^The metrics text is not valid Prometheus exposition format: line \d+/)
    expect((caught as Error).message).toMatch(message)
  })

  it('parses values as Go writes them and nothing looser', () => {
    expect(parseSampleValue('1e3')).toBe(1000)
    expect(parseSampleValue('-.5')).toBe(-0.5)
    expect(parseSampleValue('+Inf')).toBe(Number.POSITIVE_INFINITY)
    expect(parseSampleValue('-inf')).toBe(Number.NEGATIVE_INFINITY)
    expect(parseSampleValue('nan')).toBeNaN()
    for (const bad of ['', '0x10', '1_000', '1,5', ' 1', 'Infinite']) expect(parseSampleValue(bad)).toBeUndefined()
  })

  it('gives a series the same key whatever the label order', () => {
    const a = parseExposition('m{a="1",b="2"} 1').samples[0]
    const b = parseExposition('m{b="2",a="1"} 1').samples[0]
    expect(seriesKey(a)).toBe(seriesKey(b))
    expect(seriesKey(a)).not.toBe(seriesKey({ name: 'm', labels: { a: '1' } }))
    expect(describeSelector('m', { a: '1', b: 'x"y' })).toBe('m{a="1",b="x\\"y"}')
  })
})
