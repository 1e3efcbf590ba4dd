import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  chooseRangeStep,
  instantQueryUrl,
  instantValue,
  InvalidQueryRangeError,
  parseQueryResponse,
  planRangeQuery,
  PROMETHEUS_MAX_POINTS_PER_SERIES,
  rangePointCount,
  rangeQueryUrl
} from '../../../src/main/monitoring/prometheus-api'
import {
  PROM_EMPTY_VECTOR,
  PROM_ERROR,
  PROM_INF_VECTOR,
  PROM_MATRIX,
  PROM_NAN_VECTOR,
  PROM_SCALAR,
  PROM_STRING,
  PROM_TWO_SERIES,
  PROM_VECTOR,
  PROM_WARNINGS
} from './payloads'

describe('query URLs', () => {
  it('builds an instant query, keeping a path prefix and encoding the PromQL', () => {
    const url = new URL(instantQueryUrl('http://prom.internal:9090/prometheus/', 'sum(rate(http_requests_total{code=~"5.."}[5m]))'))
    expect(url.pathname).toBe('/prometheus/api/v1/query')
    expect(url.searchParams.get('query')).toBe('sum(rate(http_requests_total{code=~"5.."}[5m]))')
    expect(url.searchParams.has('time')).toBe(false)
    expect(new URL(instantQueryUrl('http://p:9090', 'up', 1_735_689_600_123)).searchParams.get('time')).toBe('1735689600.123')
  })

  it('builds a range query with start, end and step in seconds', () => {
    const url = new URL(rangeQueryUrl('http://p:9090', 'up', { startMs: 1_735_689_600_000, endMs: 1_735_693_200_000, stepSeconds: 15 }))
    expect(url.pathname).toBe('/api/v1/query_range')
    expect(Object.fromEntries(url.searchParams)).toEqual({ query: 'up', start: '1735689600', end: '1735693200', step: '15' })
  })
})

describe('chooseRangeStep', () => {
  const hour = 3_600_000
  it('fits a range into the points a panel can show', () => {
    expect(chooseRangeStep(0, hour, 361)).toBe(10)
    expect(rangePointCount(planRangeQuery(0, hour, 361))).toBe(361)
    expect(chooseRangeStep(0, 48 * hour, 1000)).toBe(173)
  })

  it('never asks Prometheus for more than 11,000 points per series', () => {
    const plan = planRangeQuery(0, 48 * hour, 1_000_000)
    expect(plan.stepSeconds).toBe(16)
    expect(rangePointCount(plan)).toBeLessThanOrEqual(PROMETHEUS_MAX_POINTS_PER_SERIES)
  })

  it('does not go finer than one second or than the minimum asked for', () => {
    expect(chooseRangeStep(0, 60_000, 10_000)).toBe(1)
    expect(chooseRangeStep(0, 60_000, 10_000, 15)).toBe(15)
    expect(chooseRangeStep(0, 0, 500)).toBe(1)
  })

  it('gives one point when only one is wanted', () => {
    expect(rangePointCount(planRangeQuery(0, hour, 1))).toBe(1)
  })

  it('refuses a backwards range or a nonsensical point budget, saying why', () => {
    expect(() => chooseRangeStep(hour, 0, 100)).toThrow(InvalidQueryRangeError)
    expect(() => chooseRangeStep(hour, 0, 100)).toThrow(/must end after it starts/)
    expect(() => chooseRangeStep(0, hour, 0)).toThrow(/maxPoints must be a whole number of at least 1/)
  })

  it('always fits, and is the smallest whole-second step that does', () => {
    fc.assert(
      fc.property(fc.nat(30 * 24 * 3600 * 1000), fc.nat(10 * 24 * 3600 * 1000), fc.integer({ min: 1, max: 50_000 }), (start, span, maxPoints) => {
        const step = chooseRangeStep(start, start + span, maxPoints)
        const limit = Math.min(maxPoints, PROMETHEUS_MAX_POINTS_PER_SERIES)
        expect(rangePointCount({ startMs: start, endMs: start + span, stepSeconds: step })).toBeLessThanOrEqual(limit)
        if (step > 1) expect(rangePointCount({ startMs: start, endMs: start + span, stepSeconds: step - 1 })).toBeGreaterThan(limit)
      })
    )
  })
})

describe('parseQueryResponse', () => {
  it('reads an instant vector', () => {
    expect(parseQueryResponse(PROM_VECTOR)).toEqual({
      ok: true,
      warnings: [],
      data: {
        resultType: 'vector',
        series: [{ labels: { __name__: 'up', instance: 'localhost:9090', job: 'prometheus' }, samples: [{ t: 1435781451781, v: 1 }] }]
      }
    })
  })

  it('reads a matrix, with "NaN", "+Inf" and "-Inf" as numbers', () => {
    const parsed = parseQueryResponse(PROM_MATRIX)
    if (!parsed.ok || parsed.data.resultType !== 'matrix') throw new Error('expected a matrix')
    expect(parsed.data.series).toHaveLength(2)
    expect(parsed.data.series[0].samples.map((s) => s.t)).toEqual([1435781430781, 1435781445781, 1435781460781])
    const values = parsed.data.series[1].samples.map((s) => s.v)
    expect(values[0]).toBe(0.0012)
    expect(values[1]).toBeNaN()
    expect(values.slice(2)).toEqual([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
  })

  it('reads a scalar and a string', () => {
    expect(parseQueryResponse(PROM_SCALAR)).toMatchObject({ ok: true, data: { resultType: 'scalar', sample: { t: 1435781451781, v: 0.25 } } })
    expect(parseQueryResponse(PROM_STRING)).toMatchObject({ ok: true, data: { resultType: 'string', value: 'canary' } })
  })

  it('keeps warnings', () => {
    expect(parseQueryResponse(PROM_WARNINGS)).toMatchObject({ ok: true, warnings: [expect.stringMatching(/might not be a counter/)] })
  })

  it('turns the error envelope into a sentence with its type and text', () => {
    expect(parseQueryResponse(PROM_ERROR)).toEqual({
      ok: false,
      kind: 'error-envelope',
      errorType: 'bad_data',
      message: 'Prometheus refused the query (bad_data): invalid parameter "query": 1:32: parse error: unclosed left parenthesis'
    })
  })

  it('calls a non-JSON or non-Prometheus body malformed, with a hint', () => {
    expect(parseQueryResponse('<html>Grafana</html>')).toMatchObject({ ok: false, kind: 'malformed', message: expect.stringMatching(/not JSON.*base URL/) })
    expect(parseQueryResponse('{"status":"success","data":{"resultType":"table"}}')).toMatchObject({ ok: false, kind: 'malformed' })
    expect(parseQueryResponse('{"status":"success","data":{"resultType":"scalar","result":[1,"fast"]}}')).toMatchObject({
      ok: false,
      message: 'the value "fast" at 1 is not a number'
    })
  })

  it('names a native histogram sample rather than misreading it', () => {
    const body = JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: { job: 'x' }, histogram: [1, { count: '3' }] }] } })
    expect(parseQueryResponse(body)).toMatchObject({ ok: false, message: expect.stringMatching(/native histogram; wrap the query in histogram_quantile/) })
  })
})

describe('instantValue', () => {
  const data = (body: string) => {
    const parsed = parseQueryResponse(body)
    if (!parsed.ok) throw new Error(parsed.message)
    return parsed.data
  }

  it('takes the one sample of a one-series vector, or a scalar', () => {
    expect(instantValue(data(PROM_VECTOR))).toEqual({ ok: true, value: 1, t: 1435781451781 })
    expect(instantValue(data(PROM_SCALAR))).toEqual({ ok: true, value: 0.25, t: 1435781451781 })
  })

  it('passes NaN and +Inf through for the reader to judge', () => {
    expect(instantValue(data(PROM_NAN_VECTOR))).toMatchObject({ ok: true, value: Number.NaN })
    expect(instantValue(data(PROM_INF_VECTOR))).toMatchObject({ ok: true, value: Number.POSITIVE_INFINITY })
  })

  it('explains an empty result, several series, a range vector and a string', () => {
    expect(instantValue(data(PROM_EMPTY_VECTOR))).toMatchObject({ ok: false, reason: 'no-data', message: expect.stringMatching(/no series/) })
    expect(instantValue(data(PROM_TWO_SERIES))).toMatchObject({
      ok: false,
      reason: 'unparseable',
      message: expect.stringMatching(/returned 2 series \(\{instance="canary-0:8080",job="checkout"\}, .*sum\(…\)/)
    })
    expect(instantValue(data(PROM_MATRIX))).toMatchObject({ ok: false, message: expect.stringMatching(/range vector/) })
    expect(instantValue(data(PROM_STRING))).toMatchObject({ ok: false, reason: 'non-numeric' })
  })
})
