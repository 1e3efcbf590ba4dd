import type { BudgetMeasurement, ErrorBudget, ServiceSlo } from '../../shared/history'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

/** A release's measured availability over the stretch of time it was measured. */
export interface AvailabilityReading {
  releaseId: string
  title: string
  /** 0…1, or a percentage (above 1) as many dashboards write it. */
  value: number
  from: number
  to: number
}

/** Readings above 1 are percentages; anything is clamped to 0…1 so one bad sample cannot make budget. */
export function asRatio(value: number): number {
  const ratio = value > 1 ? value / 100 : value
  return Math.min(1, Math.max(0, ratio))
}

const round = (n: number) => Math.round(n * 1000) / 1000

/**
 * The service's error budget over its SLO's rolling window ending now: budget = (1 − target) × window, consumed =
 * the downtime the measured availability implies. Where two releases' measurements overlap, the one that started
 * later (the version then live) counts, so no minute is charged twice. Unmeasured time counts as available: the
 * result says how much of the window was measured, so a thin record reads as such.
 */
export function errorBudget(service: string, slo: ServiceSlo | null, readings: readonly AvailabilityReading[], now: number): ErrorBudget {
  if (!slo) {
    return {
      service,
      slo: null,
      window: null,
      budgetMinutes: null,
      consumedMinutes: 0,
      remainingMinutes: null,
      consumedRatio: null,
      measuredMinutes: 0,
      measuredAvailability: null,
      measurements: [],
      status: 'no-slo',
      explanation: `No SLO is set for ${service}; an SRE or the DevOps lead sets one with its availability target.`
    }
  }
  const wFrom = now - slo.windowDays * DAY
  const inWindow = readings
    .map((r) => ({ ...r, from: Math.max(r.from, wFrom), to: Math.min(r.to, now), ratio: asRatio(r.value) }))
    .filter((r) => r.to > r.from)
    .sort((x, y) => x.from - y.from)

  const cuts = [...new Set(inWindow.flatMap((r) => [r.from, r.to]))].sort((a, b) => a - b)
  const downtime = new Map<string, number>()
  let measured = 0
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]]
    const live = inWindow.filter((r) => r.from <= a && r.to >= b).sort((x, y) => y.from - x.from)[0]
    if (!live) continue
    measured += b - a
    downtime.set(live.releaseId, (downtime.get(live.releaseId) ?? 0) + ((1 - live.ratio) * (b - a)) / MINUTE)
  }

  const measurements: BudgetMeasurement[] = inWindow.map((r) => ({
    releaseId: r.releaseId,
    title: r.title,
    availability: r.ratio,
    from: new Date(r.from).toISOString(),
    to: new Date(r.to).toISOString(),
    downtimeMinutes: round(downtime.get(r.releaseId) ?? 0)
  }))
  const consumed = [...downtime.values()].reduce((s, m) => s + m, 0)
  const budget = (1 - slo.targetPercent / 100) * slo.windowDays * 24 * 60
  const ratio = consumed / budget
  const measuredMinutes = measured / MINUTE
  const status = ratio >= 1 ? 'exhausted' : ratio >= 0.75 ? 'low' : 'healthy'
  const pct = Math.round(ratio * 100)
  return {
    service,
    slo,
    window: { from: new Date(wFrom).toISOString(), to: new Date(now).toISOString() },
    budgetMinutes: round(budget),
    consumedMinutes: round(consumed),
    remainingMinutes: round(budget - consumed),
    consumedRatio: ratio,
    measuredMinutes: round(measuredMinutes),
    measuredAvailability: measured > 0 ? 1 - (consumed * MINUTE) / measured : null,
    measurements,
    status,
    explanation:
      measured === 0
        ? `No availability was measured for ${service} in the last ${slo.windowDays} days, so none of the budget shows as spent.`
        : `${pct}% of the ${slo.windowDays}-day budget spent, from ${measurements.length} measured release${measurements.length === 1 ? '' : 's'} covering ${formatSpan(measuredMinutes)}; unmeasured time counts as available.`
  }
}

function formatSpan(minutes: number): string {
  if (minutes < 120) return `${Math.round(minutes)} min`
  if (minutes < 2 * 24 * 60) return `${(minutes / 60).toFixed(1)} h`
  return `${(minutes / 60 / 24).toFixed(1)} days`
}
