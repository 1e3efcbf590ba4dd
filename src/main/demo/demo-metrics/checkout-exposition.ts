import { LATENCY_BUCKETS, TRACKS, type SimulationSnapshot } from './checkout-simulation'

/** What Prometheus and the app's scraper expect for the text format. */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'

/**
 * The snapshot in Prometheus text exposition format (0.0.4), laid out as the Go client library writes it: HELP and
 * TYPE before each family, cumulative buckets ending in le="+Inf", then `_sum` and `_count`.
 */
export function checkoutExposition(snapshot: SimulationSnapshot): string {
  const lines: string[] = []
  const family = (name: string, type: string, help: string) => lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`)

  family('http_requests_total', 'counter', 'Requests served by checkout, by rollout track and status code.')
  for (const track of TRACKS) {
    const t = snapshot.tracks[track]
    lines.push(`http_requests_total{track="${track}",code="200"} ${t.ok}`)
    lines.push(`http_requests_total{track="${track}",code="500"} ${t.errors}`)
  }

  family('http_request_duration_seconds', 'histogram', 'Time to serve a checkout request, by rollout track.')
  for (const track of TRACKS) {
    const t = snapshot.tracks[track]
    let cumulative = 0
    LATENCY_BUCKETS.forEach((le, i) => {
      cumulative += t.bucketCounts[i]
      lines.push(`http_request_duration_seconds_bucket{track="${track}",le="${le}"} ${cumulative}`)
    })
    lines.push(`http_request_duration_seconds_bucket{track="${track}",le="+Inf"} ${t.count}`)
    lines.push(`http_request_duration_seconds_sum{track="${track}"} ${Number(t.sumSeconds.toFixed(6))}`)
    lines.push(`http_request_duration_seconds_count{track="${track}"} ${t.count}`)
  }

  family('up', 'gauge', 'Whether the checkout instance of each track is serving (1) or not (0).')
  for (const track of TRACKS) lines.push(`up{track="${track}"} 1`)

  family('demo_canary_traffic_percent', 'gauge', 'Share of checkout traffic routed to the canary, in percent.')
  lines.push(`demo_canary_traffic_percent ${snapshot.trafficPercent}`)

  return `${lines.join('\n')}\n`
}
