import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseExposition, selectSeries } from '../../../src/main/monitoring/exposition-parser'
import { bucketIncrease, bucketsFromSeries, histogramQuantile, type Bucket } from '../../../src/main/monitoring/histogram-quantile'
import { CHECKOUT_BUCKETS, GO_SERVICE_METRICS } from './payloads'

const checkout: Bucket[] = CHECKOUT_BUCKETS.map(([le, count]) => ({ le, count }))

describe('histogramQuantile, as Prometheus computes it', () => {
  it('interpolates linearly inside the bucket holding the rank', () => {
    // Worked by hand: p50 rank 72160 falls in (0.1, 0.2], 38716 of its 66948 observations in.
    expect(histogramQuantile(0.5, checkout)).toBeCloseTo(0.1 + 0.1 * (38716 / 66948), 12)
    expect(histogramQuantile(0.9, checkout)).toBeCloseTo(0.5 + 0.5 * (499 / 4599), 12)
    expect(histogramQuantile(0.1, checkout)).toBeCloseTo(0.05 * (14432 / 24054), 12)
  })

  it('returns the highest finite bound when the rank falls in the +Inf bucket', () => {
    expect(histogramQuantile(0.95, checkout)).toBe(1)
    expect(histogramQuantile(0.99, checkout)).toBe(1)
  })

  it('follows the special cases: q outside [0, 1], no +Inf bucket, no observations, one bucket', () => {
    expect(histogramQuantile(-0.1, checkout)).toBe(Number.NEGATIVE_INFINITY)
    expect(histogramQuantile(1.1, checkout)).toBe(Number.POSITIVE_INFINITY)
    expect(histogramQuantile(Number.NaN, checkout)).toBeNaN()
    expect(histogramQuantile(0.5, checkout.slice(0, 5))).toBeNaN()
    expect(histogramQuantile(0.5, checkout.map((b) => ({ ...b, count: 0 })))).toBeNaN()
    expect(histogramQuantile(0.5, [{ le: Number.POSITIVE_INFINITY, count: 10 }])).toBeNaN()
    expect(histogramQuantile(0.5, [])).toBeNaN()
  })

  it('returns the lowest bound when it is at or below zero and the rank falls there', () => {
    expect(histogramQuantile(0.2, [{ le: -1, count: 5 }, { le: 0, count: 8 }, { le: Number.POSITIVE_INFINITY, count: 10 }])).toBe(-1)
  })

  it('forces non-monotonic counts upward and merges repeated bounds, accepting any order', () => {
    const shuffled = [checkout[3], checkout[5], checkout[0], { le: 0.2, count: 30_000 }, checkout[1], checkout[4]]
    // le=0.2 reads 30,000 (< 33,444 below it): it is lifted to 33,444, as Prometheus does.
    const lifted = histogramQuantile(0.5, shuffled)
    expect(lifted).toBeCloseTo(0.2 + 0.3 * ((72160 - 33444) / (129389 - 33444)), 12)
    const repeated = [...checkout, { le: 0.1, count: 0 }]
    expect(histogramQuantile(0.5, repeated)).toBeCloseTo(histogramQuantile(0.5, checkout), 12)
  })

  it('is monotonic in q and stays within the bucket bounds', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.double({ min: 0.001, max: 1000, noNaN: true }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(1000), { minLength: 9, maxLength: 9 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (bounds, increments, q1, q2) => {
          const les = [...bounds].sort((a, b) => a - b)
          let running = 0
          const buckets = [...les, Number.POSITIVE_INFINITY].map((le, i) => ({ le, count: (running += increments[i] + 1) }))
          const [lo, hi] = q1 <= q2 ? [q1, q2] : [q2, q1]
          const a = histogramQuantile(lo, buckets)
          const b = histogramQuantile(hi, buckets)
          expect(a).toBeLessThanOrEqual(b + 1e-9)
          expect(a).toBeGreaterThanOrEqual(0)
          expect(b).toBeLessThanOrEqual(les[les.length - 1])
        }
      )
    )
  })
})

describe('buckets from a scrape', () => {
  const samples = parseExposition(GO_SERVICE_METRICS).samples

  it('collects one handler’s _bucket series into a histogram', () => {
    const outcome = bucketsFromSeries(selectSeries(samples, 'http_request_duration_seconds_bucket', { handler: '/api/checkout' }))
    expect(outcome).toEqual({ ok: true, buckets: checkout })
  })

  it('adds series that differ only in other labels, bucket by bucket (sum by le)', () => {
    const outcome = bucketsFromSeries(selectSeries(samples, 'http_request_duration_seconds_bucket'))
    expect(outcome.ok && outcome.buckets.map((b) => b.count)).toEqual(CHECKOUT_BUCKETS.map(([, c]) => c + 10))
  })

  it('says what is wrong with series that are not buckets', () => {
    expect(bucketsFromSeries(selectSeries(samples, 'go_goroutines'))).toEqual({
      ok: false,
      message: 'go_goroutines has a series without an le label, so it is not a histogram bucket'
    })
    const noInf = parseExposition('h_bucket{le="0.1"} 1\nh_bucket{le="1"} 2\n').samples
    expect(bucketsFromSeries(noInf)).toMatchObject({ ok: false, message: expect.stringMatching(/no le="\+Inf" bucket/) })
    const badLe = parseExposition('h_bucket{le="fast"} 1\n').samples
    expect(bucketsFromSeries(badLe)).toMatchObject({ ok: false, message: expect.stringMatching(/le="fast", which is not a number/) })
  })
})

describe('quantile over the increase between two scrapes', () => {
  it('describes only the recent interval, where the cumulative one barely moves', () => {
    const before = checkout
    // 1,000 new requests, all slow (between 0.5 s and 1 s).
    const after = checkout.map((b) => ({ le: b.le, count: b.count + (b.le >= 1 ? 1000 : 0) }))
    const recent = bucketIncrease(before, after)
    expect(histogramQuantile(0.5, recent)).toBeCloseTo(0.75, 12)
    expect(histogramQuantile(0.5, after)).toBeCloseTo(histogramQuantile(0.5, before), 2)
  })

  it('treats a drop in a bucket as a counter reset', () => {
    const afterRestart = [
      { le: 0.1, count: 4 },
      { le: 1, count: 10 },
      { le: Number.POSITIVE_INFINITY, count: 10 }
    ]
    const before = [
      { le: 0.1, count: 500 },
      { le: 1, count: 900 },
      { le: Number.POSITIVE_INFINITY, count: 1000 }
    ]
    expect(bucketIncrease(before, afterRestart)).toEqual(afterRestart)
  })

  it('leaves out buckets the earlier scrape did not have, and gives NaN when nothing was observed', () => {
    expect(bucketIncrease([{ le: 1, count: 1 }], [{ le: 1, count: 1 }, { le: Number.POSITIVE_INFINITY, count: 1 }])).toEqual([{ le: 1, count: 0 }])
    expect(histogramQuantile(0.5, bucketIncrease(checkout, checkout))).toBeNaN()
  })
})
