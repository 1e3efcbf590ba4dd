import type { LaneStep } from '../../rollout/lane'

/** The steps as a track: how much traffic each takes, where it stands, and the soak counting down on the live one. */
export function StepLane({ steps }: { steps: LaneStep[] }) {
  return (
    <ol className="lane" aria-label="Rollout steps" data-testid="rollout-lane">
      {steps.map((s, i) => (
        <li
          key={s.id}
          className={`lane-step tone-${s.tone} ${s.current ? 'lane-current' : ''}`}
          data-testid="lane-step"
          data-step-id={s.id}
          data-state={s.state}
          aria-current={s.current ? 'step' : undefined}
        >
          <div className="lane-step-head">
            <span className="lane-index">Step {i + 1}</span>
            <span className={`lane-state tone-${s.tone}`}>{s.stateText}</span>
          </div>
          <div className="lane-size">{s.size}</div>
          <div className="lane-label">{s.label}</div>
          {s.countdown && (
            <div className="lane-countdown" data-testid="soak-countdown">
              {s.countdown}
            </div>
          )}
          <div className="lane-plan muted">{s.plan}</div>
          {s.verdict && <div className="lane-verdict">{s.verdict}</div>}
          {s.action && <div className="lane-action muted">{s.action}</div>}
        </li>
      ))}
    </ol>
  )
}
