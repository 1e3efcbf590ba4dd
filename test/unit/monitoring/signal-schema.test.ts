import { describe, expect, it } from 'vitest'
import { signalDefinitionSchema, signalSourceSchema, type SignalDefinitionInput } from '../../../src/shared/signal'

const errorRate: SignalDefinitionInput = {
  name: 'Checkout error rate (canary)',
  source: {
    kind: 'prometheus',
    url: 'http://prometheus.internal:9090',
    query: 'sum(rate(http_requests_total{job="checkout",track="canary",code=~"5.."}[1m])) / sum(rate(http_requests_total{job="checkout",track="canary"}[1m]))',
    auth: { kind: 'bearer', tokenEnv: 'PROMETHEUS_TOKEN' }
  },
  unit: '%',
  thresholds: { direction: 'above', warn: 0.0005, critical: 0.001 },
  breach: { kind: 'consecutive', count: 3 },
  severity: 'critical',
  role: 'canary'
}

const messages = (input: unknown) => {
  const parsed = signalDefinitionSchema.safeParse(input)
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

describe('signalDefinitionSchema', () => {
  it('accepts the playbook signals and fills the defaults', () => {
    const parsed = signalDefinitionSchema.parse(errorRate)
    expect(parsed).toMatchObject({ intervalMs: 5000, timeoutMs: 2000, unit: '%', role: 'canary' })

    const p95 = signalDefinitionSchema.parse({
      name: 'p95 latency',
      source: { kind: 'scrape', url: 'http://127.0.0.1:9100/metrics', metric: 'http_request_duration_seconds', labels: { handler: '/api/checkout' }, quantile: 0.95, rate: true },
      thresholds: { direction: 'above', warn: 0.15, critical: 0.2 },
      severity: 'high',
      intervalMs: 1000
    })
    expect(p95).toMatchObject({ unit: '', intervalMs: 1000, timeoutMs: 500, breach: { kind: 'consecutive', count: 3 } })

    expect(
      messages({
        name: 'Availability',
        source: { kind: 'probe', url: 'https://checkout.example.com/healthz' },
        thresholds: { direction: 'below', warn: 0.9995, critical: 0.999 },
        breach: { kind: 'duration', seconds: 60 },
        severity: 'critical'
      })
    ).toEqual([])
    expect(
      messages({
        name: 'DB latency',
        source: { kind: 'json', url: 'http://127.0.0.1:8080/health', path: 'checks.db.latencyMs', auth: { kind: 'basic', usernameEnv: 'HEALTH_USER', passwordEnv: 'HEALTH_PASS' } },
        unit: 'ms',
        thresholds: { direction: 'above', critical: 200 },
        severity: 'medium'
      })
    ).toEqual([])
  })

  it('refuses a timeout that is not below the interval, saying what to change', () => {
    expect(messages({ ...errorRate, intervalMs: 2000, timeoutMs: 2000 })).toEqual([
      'timeoutMs: timeoutMs (2000) must be below intervalMs (2000) so each poll ends before the next is due; lower the timeout or poll less often'
    ])
  })

  it('refuses polling faster than once a second', () => {
    expect(messages({ ...errorRate, intervalMs: 500 })).toEqual(['intervalMs: intervalMs is at least 1000 (one poll a second)'])
  })

  it('refuses thresholds in the wrong order for their direction', () => {
    expect(messages({ ...errorRate, thresholds: { direction: 'above', warn: 0.01, critical: 0.001 } })).toEqual([
      'thresholds.warn: warn (0.01) must be below critical (0.001) for a signal that breaches above its thresholds'
    ])
    expect(messages({ ...errorRate, thresholds: { direction: 'below', warn: 0.99, critical: 0.999 } })).toEqual([
      'thresholds.warn: warn (0.99) must be above critical (0.999) for a signal that breaches below its thresholds'
    ])
  })

  it('keeps credentials out of the signal: names of variables only, never a user:password URL', () => {
    expect(messages({ ...errorRate, source: { ...errorRate.source, auth: { kind: 'bearer', token: 'abc' } } })).not.toEqual([])
    expect(messages({ ...errorRate, source: { ...errorRate.source, auth: { kind: 'bearer', tokenEnv: 'my token' } } })).toEqual([
      'source.auth.tokenEnv: tokenEnv must be an environment variable name such as PROMETHEUS_TOKEN'
    ])
    expect(messages({ ...errorRate, source: { kind: 'probe', url: 'http://admin:hunter2@checkout/healthz' } })).toEqual([
      'source.url: Probe URL must not contain a user name or password; name environment variables in auth instead'
    ])
  })

  it('refuses bad sources with messages naming the field', () => {
    const source = (s: unknown) => {
      const parsed = signalSourceSchema.safeParse(s)
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    }
    expect(source({ kind: 'graphite', url: 'http://x' })).toEqual(['kind: the source kind must be prometheus, scrape, json or probe'])
    expect(source({ kind: 'probe', url: 'ftp://x/' })).toEqual(['url: Probe URL must be an http:// or https:// URL such as http://127.0.0.1:9090'])
    expect(source({ kind: 'scrape', url: 'http://x/metrics', metric: 'http-requests' })).toEqual([
      'metric: metric must be a Prometheus metric name such as http_requests_total'
    ])
    expect(source({ kind: 'scrape', url: 'http://x/metrics', metric: 'h', quantile: 95 })).toEqual(['quantile: quantile is between 0 and 1, such as 0.95'])
    expect(source({ kind: 'json', url: 'http://x/', path: 'checks..db' })[0]).toMatch(/^path: path must be dotted keys/)
    expect(source({ kind: 'prometheus', url: 'http://x', query: '  ' })).toEqual(['query: query is required: a PromQL expression'])
  })

  it('refuses an le label on a quantile signal, since all buckets are needed', () => {
    expect(
      messages({
        ...errorRate,
        source: { kind: 'scrape', url: 'http://x/metrics', metric: 'h', quantile: 0.5, labels: { le: '0.1' } }
      })
    ).toEqual(['source.labels.le: leave out the le label: a quantile is estimated across all of the histogram buckets'])
  })
})
