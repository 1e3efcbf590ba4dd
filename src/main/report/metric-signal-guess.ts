import type { SignalMetricKey } from '../../shared/report'

export interface GuessableSignal {
  id: string
  name: string
  unit: string
  role?: 'canary' | 'baseline'
}

const WANTS: Record<SignalMetricKey, { name: RegExp; unit: string; strong?: RegExp }> = {
  'error-rate': { name: /error|5xx|fail/i, unit: '%' },
  'p95-latency': { name: /p95|latency|response|duration/i, unit: 'ms', strong: /p95|95/i },
  availability: { name: /availab|uptime|success/i, unit: '%' }
}

/**
 * The signal a metric most likely means when nobody chose one: a name that says so, the metric's unit, and the new
 * version's reading (a canary's over its baseline's, which measures the old version). Null when nothing fits.
 */
export function guessSignal(metric: SignalMetricKey, signals: readonly GuessableSignal[]): GuessableSignal | null {
  const want = WANTS[metric]
  let best: { s: GuessableSignal; score: number } | null = null
  for (const s of signals) {
    if (!want.name.test(s.name) || s.role === 'baseline') continue
    const score = 4 + (s.unit === want.unit ? 2 : 0) + (want.strong?.test(s.name) ? 1 : 0) + (s.role === 'canary' ? 0 : 1)
    if (!best || score > best.score) best = { s, score }
  }
  return best?.s ?? null
}
