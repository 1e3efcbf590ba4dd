const UNIT_SECONDS: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 }

/**
 * An Argo Rollouts pause duration in whole seconds, or undefined when it is not one. Argo reads a bare number (or
 * a string of digits) as seconds and anything else as a Go duration ("30s", "10m", "1h30m"), truncated to seconds.
 */
export function parseArgoDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined
  if (typeof value !== 'string') return undefined
  const s = value.trim()
  if (/^\d+$/.test(s)) return Number(s)
  if (!/^(?:\d+(?:\.\d+)?(?:ms|h|m|s))+$/.test(s)) return undefined
  let seconds = 0
  for (const [, amount, unit] of s.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) seconds += Number(amount) * UNIT_SECONDS[unit]
  return Math.floor(seconds + 1e-9)
}
