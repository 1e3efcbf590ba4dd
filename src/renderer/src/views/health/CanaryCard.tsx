import type { CanaryPairView } from '../../../../shared/room-signals'
import { canaryNumbers, VERDICT_LABELS } from '../../health/health-shape'

/** The advisory verdict for one canary/baseline pair, with the statistics behind it. */
export function CanaryCard({ analysis }: { analysis: CanaryPairView }) {
  const minutes = Math.round((analysis.window.to - analysis.window.from) / 60_000)
  return (
    <aside className={`canary-card card verdict-${analysis.verdict}`} data-testid="canary-card" data-verdict={analysis.verdict}>
      <div className="eyebrow">Canary analysis · {analysis.measure}</div>
      <div className="canary-verdict">{VERDICT_LABELS[analysis.verdict]}</div>
      {analysis.guard === 'rise-from-zero' && <div className="canary-guard">Errors rose from zero on the canary</div>}
      <ul className="canary-numbers">
        {canaryNumbers(analysis).map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
      <p className="canary-reason muted">{analysis.reason}</p>
      <div className="muted canary-foot">
        Mann-Whitney U, Hodges-Lehmann shift · last {minutes} min · advisory, beside the team’s vote
      </div>
    </aside>
  )
}
