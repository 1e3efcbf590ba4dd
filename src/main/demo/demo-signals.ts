import type { SignalDefinitionInput } from '../../shared/signal'

/**
 * Where the demo's signals point when no endpoint has been started yet. `.invalid` never resolves (RFC 2606), so a
 * signal left pointing here fails visibly ("could not resolve the host name") instead of reading someone else's port.
 * At each start the demo endpoint re-points the demo release's signals from the origin stored with it to the one it
 * actually listens on (see `demo-endpoint.ts`).
 */
export const DEMO_PLACEHOLDER_ORIGIN = 'http://demo-metrics.invalid'

/** Polled every two seconds: live enough to watch, and 48 h of it is 86,400 samples per signal. */
const INTERVAL_MS = 2000

/**
 * The demo release's signals, with the playbook's targets (error rate < 0.1 %, p95 < 200 ms, availability > 99.9 %)
 * as the critical lines. Error ratios are taken over two minutes, as an SLO alert would: over a single 2-second slice
 * a canary at 10 % of traffic serves about 20 requests, so one error would read as 5 %.
 */
export function demoSignals(origin: string): SignalDefinitionInput[] {
  const metrics = `${origin}/metrics`
  const errorRate = (track: 'canary' | 'baseline'): SignalDefinitionInput => ({
    name: `${track === 'canary' ? 'Canary' : 'Baseline'} error rate`,
    source: {
      kind: 'scrape',
      url: metrics,
      metric: 'http_requests_total',
      labels: { track, code: '500' },
      rate: true,
      windowSeconds: 120,
      over: { labels: { track } }
    },
    unit: '%',
    scale: 100,
    intervalMs: INTERVAL_MS,
    thresholds: { direction: 'above', warn: 0.05, critical: 0.1 },
    breach: { kind: 'consecutive', count: 3 },
    severity: track === 'canary' ? 'high' : 'critical',
    role: track
  })
  const latency = (track: 'canary' | 'baseline'): SignalDefinitionInput => ({
    name: `${track === 'canary' ? 'Canary' : 'Baseline'} p95 latency`,
    source: { kind: 'scrape', url: metrics, metric: 'http_request_duration_seconds', labels: { track }, quantile: 0.95, rate: true, windowSeconds: 60 },
    unit: 'ms',
    scale: 1000,
    intervalMs: INTERVAL_MS,
    thresholds: { direction: 'above', warn: 160, critical: 200 },
    breach: { kind: 'consecutive', count: 3 },
    severity: 'high',
    role: track
  })
  return [
    errorRate('canary'),
    errorRate('baseline'),
    latency('canary'),
    latency('baseline'),
    {
      name: 'Throughput',
      source: { kind: 'scrape', url: metrics, metric: 'http_requests_total', rate: true, windowSeconds: 30 },
      unit: 'req/s',
      intervalMs: INTERVAL_MS,
      thresholds: { direction: 'below', warn: 70, critical: 40 },
      breach: { kind: 'consecutive', count: 5 },
      severity: 'medium'
    },
    {
      name: 'Availability',
      source: { kind: 'probe', url: `${origin}/health` },
      unit: '%',
      scale: 100,
      intervalMs: INTERVAL_MS,
      thresholds: { direction: 'below', critical: 99.9 },
      breach: { kind: 'consecutive', count: 3 },
      severity: 'critical'
    }
  ]
}
