/**
 * A duration as a person reads it on a countdown: "45s", "4m 10s", "1h 5m". Seconds round up, so a soak with 200 ms
 * left still says "1s" rather than a "0s" that has not happened yet.
 */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`
  if (m > 0) return s > 0 ? `${m}m ${s}s` : `${m}m`
  return `${s}s`
}
