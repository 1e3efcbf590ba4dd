import { describe, expect, it } from 'vitest'
import { signalDefinitionSchema } from '../../src/shared/signal'
import { definitionFromForm, EMPTY_FORM, formFromDefinition, issuesByField, parseLabels } from '../../src/renderer/src/health/signal-form'
import type { SignalDefinitionInput } from '../../src/shared/signal'

const examples: SignalDefinitionInput[] = [
  {
    name: 'Canary error rate',
    source: { kind: 'scrape', url: 'http://127.0.0.1:4000/metrics', metric: 'http_requests_total', labels: { track: 'canary', code: '500' }, rate: true, windowSeconds: 120, over: { labels: { track: 'canary' } } },
    unit: '%',
    scale: 100,
    intervalMs: 2000,
    thresholds: { direction: 'above', warn: 0.05, critical: 0.1 },
    breach: { kind: 'consecutive', count: 3 },
    severity: 'high',
    role: 'canary'
  },
  {
    name: 'p95',
    source: { kind: 'scrape', url: 'http://127.0.0.1:4000/metrics', metric: 'h', labels: { track: 'baseline' }, quantile: 0.95, rate: true, windowSeconds: 60 },
    unit: 'ms',
    scale: 1000,
    thresholds: { direction: 'above', critical: 200 },
    breach: { kind: 'duration', seconds: 30 },
    severity: 'medium',
    role: 'baseline'
  },
  { name: 'Up', source: { kind: 'probe', url: 'http://x/health' }, thresholds: { direction: 'below', critical: 0.5 }, severity: 'critical' },
  { name: 'DB', source: { kind: 'json', url: 'http://x/health', path: 'checks.db.latencyMs' }, unit: 'ms', thresholds: { direction: 'above', warn: 20 }, severity: 'low' },
  { name: 'Q', source: { kind: 'prometheus', url: 'http://p:9090', query: 'up' }, thresholds: { direction: 'below', critical: 1 }, severity: 'low' }
]

describe('the add/edit signal form', () => {
  it('round-trips signals of every kind through the form unchanged', () => {
    for (const input of examples) {
      const definition = signalDefinitionSchema.parse(input)
      const again = signalDefinitionSchema.parse(definitionFromForm(formFromDefinition(definition)))
      expect({ ...again, timeoutMs: definition.timeoutMs }).toEqual(definition)
    }
  })

  it('reads labels as typed and sends half-typed numbers as text so the host names the field', () => {
    expect(parseLabels('track=canary, code="500"')).toEqual({ track: 'canary', code: '500' })
    expect(parseLabels('  ')).toBeUndefined()
    const sent = definitionFromForm({ ...EMPTY_FORM, name: 'x', url: 'http://p:9090', query: 'up', warn: '0.1x', critical: '1', intervalSeconds: '2.5' })
    expect(sent).toMatchObject({ intervalMs: 2500, thresholds: { direction: 'above', warn: '0.1x', critical: 1 } })
  })

  it('places the host’s issues beside their inputs', () => {
    const placed = issuesByField([
      { path: 'signal.source.url', message: 'URL must be an http:// or https:// URL' },
      { path: 'signal.thresholds.warn', message: 'warn (2) must be below critical (1)' },
      { path: 'signal.breach.count', message: 'count is at least 1' },
      { path: 'actor.name', message: 'Say who you are' }
    ])
    expect(placed.fields).toEqual({ url: 'URL must be an http:// or https:// URL', warn: 'warn (2) must be below critical (1)', breachCount: 'count is at least 1' })
    expect(placed.general).toEqual(['actor.name: Say who you are'])
  })
})
