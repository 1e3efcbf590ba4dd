import type { Clock } from '../clock'
import type { SignalSource } from '../../shared/signal'
import type { BoundedGetResult } from './bounded-get'
import type { CounterSnapshot } from './counter-rate'
import { describeSelector, ExpositionParseError, parseExposition, selectSeries, seriesKey, type ExpositionSample } from './exposition-parser'
import { bucketsFromSeries, histogramQuantile } from './histogram-quantile'
import { finiteValue, statusOf, type Reading, type ReadRequest, type ValueOutcome } from './reading'
import { RateWindow } from './rate-window'

function describeMatches(series: readonly ExpositionSample[]): string {
  const shown = series.slice(0, 3).map((s) => describeSelector(s.name, s.labels))
  return `${shown.join(', ')}${series.length > 3 ? ', …' : ''}`
}

type ScrapeSource = Extract<SignalSource, { kind: 'scrape' }>

/**
 * Reads one metric from a `/metrics` page: a gauge as it stands, a counter as a per-second rate between scrapes, or a
 * histogram as a quantile of its buckets. The returned function keeps the previous scrape, so it belongs to one signal.
 */
export function scrapeReader(
  source: ScrapeSource,
  clock: Clock,
  httpGet: (url: string, request: ReadRequest) => Promise<BoundedGetResult | { ok: false; reason: 'http'; message: string }>,
  settle: (value: ValueOutcome, extra?: { status?: number }) => Reading
): (request: ReadRequest) => Promise<Reading> {
  const labels = source.labels ?? {}
  const histogram = source.quantile !== undefined
  const metric = histogram && !source.metric.endsWith('_bucket') ? `${source.metric}_bucket` : source.metric
  const selector = describeSelector(metric, labels)
  // Successful scrapes' increases, for rates. Kept across failed polls, so the next rate spans the gap.
  const windowMs = (source.windowSeconds ?? 0) * 1000
  const numerator = new RateWindow(windowMs)
  const over = source.over
  const denominatorMetric = over?.metric ?? source.metric
  const denominatorLabels = over?.labels ?? {}
  const denominatorSelector = describeSelector(denominatorMetric, denominatorLabels)
  const denominator = new RateWindow(windowMs)

  const snapshotOf = (series: readonly ExpositionSample[], t: number): CounterSnapshot => ({
    t,
    series: new Map(series.map((s) => [seriesKey(s), s.value]))
  })

  const sumOf = (increases: ReadonlyMap<string, number>) => {
    let total = 0
    for (const v of increases.values()) total += v
    return total
  }

  const evaluate = (series: ExpositionSample[], t: number, all: readonly ExpositionSample[]): ValueOutcome => {
    if (series.length === 0) return { ok: false, reason: 'no-data', message: `the scrape has no series ${selector}; check the metric name and labels` }
    const bad = series.find((s) => !Number.isFinite(s.value))
    if (bad && (histogram || source.rate)) return finiteValue(bad.value, `${describeSelector(bad.name, bad.labels)}`)

    if (histogram) {
      const quantile = source.quantile as number
      let counts = series
      if (source.rate) {
        if (!numerator.add(snapshotOf(series, t))) {
          return { ok: false, reason: 'no-data', message: `first scrape of ${selector}; the quantile over the interval needs a second one, due next poll` }
        }
        const { increases } = numerator.totals()
        counts = series.filter((s) => increases.has(seriesKey(s))).map((s) => ({ ...s, value: increases.get(seriesKey(s)) as number }))
      }
      const buckets = bucketsFromSeries(counts)
      if (!buckets.ok) return { ok: false, reason: 'unparseable', message: `${selector}: ${buckets.message}` }
      const estimate = histogramQuantile(quantile, buckets.buckets)
      if (Number.isNaN(estimate)) {
        const when = source.rate ? 'between the last two scrapes' : 'yet'
        return { ok: false, reason: 'no-data', message: `${selector} has no observations ${when}, so there is no quantile to estimate` }
      }
      return finiteValue(estimate, `the ${quantile} quantile of ${selector}`)
    }

    if (source.rate) {
      const below = over ? selectSeries(all, denominatorMetric, denominatorLabels) : []
      if (over && below.length === 0) {
        return { ok: false, reason: 'no-data', message: `the scrape has no series ${denominatorSelector} to divide by; check over's metric and labels` }
      }
      const first = !numerator.add(snapshotOf(series, t))
      if (over) denominator.add(snapshotOf(below, t))
      if (first) return { ok: false, reason: 'no-data', message: `first scrape of ${selector}; its rate needs a second one, due next poll` }
      const { increases, spanMs } = numerator.totals()
      if (!(spanMs > 0)) {
        return { ok: false, reason: 'no-data', message: `${selector}: the last two readings of the counter carry the same time, so no rate can be taken yet` }
      }
      if (increases.size === 0) {
        return { ok: false, reason: 'no-data', message: `${selector}: no series of the counter appeared in both of the last two readings` }
      }
      if (!over) return { ok: true, value: sumOf(increases) / (spanMs / 1000) }
      const total = sumOf(denominator.totals().increases)
      if (!(total > 0)) {
        return { ok: false, reason: 'no-data', message: `${denominatorSelector} did not increase during the window, so there is no ratio to take` }
      }
      return { ok: true, value: sumOf(increases) / total }
    }

    // A gauge is not summed across series: adding up latencies or temperatures would be meaningless.
    if (series.length > 1) {
      return {
        ok: false,
        reason: 'unparseable',
        message: `${series.length} series match ${selector} (${describeMatches(series)}); add labels so exactly one matches`
      }
    }
    return finiteValue(series[0].value, `the value of ${describeSelector(series[0].name, series[0].labels)}`)
  }

  return async (request) => {
    // Rates are taken between request starts, as Prometheus stamps a scrape with its start: how long each answer
    // took to arrive would otherwise show up as jitter in the rate.
    const startedAt = clock.now()
    const response = await httpGet(source.url, request)
    if (!response.ok) return settle(response, statusOf(response))
    let samples: ExpositionSample[]
    try {
      samples = parseExposition(response.body.toString('utf8')).samples
    } catch (error) {
      if (error instanceof ExpositionParseError) return settle({ ok: false, reason: 'unparseable', message: error.message })
      throw error
    }
    return settle(evaluate(selectSeries(samples, metric, labels), startedAt, samples))
  }
}
