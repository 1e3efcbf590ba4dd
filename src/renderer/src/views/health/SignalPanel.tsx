import { useEffect, useRef, useState } from 'react'
import type { SignalStatus, SignalView } from '../../../../shared/room-signals'
import { healthStore, useHealth } from '../../health/session'
import { describeThresholds, formatValue, STATE_LABELS, type ChartMarker } from '../../health/health-shape'
import { SignalChart } from './SignalChart'

/** One signal: its name, state, value and why, over its live chart with thresholds and markers. */
export function SignalPanel({
  signal,
  from,
  live,
  markers,
  onEdit
}: {
  signal: SignalView
  from: number
  live: boolean
  markers: ChartMarker[]
  onEdit?: (signal: SignalView) => void
}) {
  const status: SignalStatus = useHealth((s) => s.statuses[signal.id]) ?? signal.status
  const buffer = healthStore.getState().buffer(signal.id)
  const box = useRef<HTMLDivElement>(null)
  const [loaded, setLoaded] = useState(false)
  const d = signal.definition
  // A refetched room parses definitions anew; only a real change of definition should reload the history.
  const definitionKey = JSON.stringify(d)

  useEffect(() => {
    // About one point per pixel column, and a min and a max for each: more could not be drawn apart.
    const width = box.current?.clientWidth ?? 600
    void healthStore
      .getState()
      .load(signal.id, from, Date.now(), width * 2)
      .then(() => setLoaded(true))
  }, [signal.id, from, definitionKey])

  return (
    <article
      className={`signal-panel card state-${status.state}`}
      data-testid="signal-panel"
      data-signal={d.name}
      data-state={status.state}
      data-loaded={loaded ? 'yes' : 'no'}
      ref={box}
    >
      <header className="signal-head">
        <div className="signal-name">
          <h3>{d.name}</h3>
          <div className="signal-sub muted">
            {describeThresholds(d) || 'no thresholds'}
            {d.role ? ` · ${d.role}` : ''}
            {onEdit && (
              <button className="link-button" onClick={() => onEdit(signal)} data-testid="signal-edit" aria-label={`Edit ${d.name}`}>
                edit
              </button>
            )}
          </div>
        </div>
        <div className="signal-now">
          <span className={`state-badge state-${status.state}`} data-testid="signal-state">
            {STATE_LABELS[status.state]}
          </span>
          <span className="signal-value" data-testid="signal-value">
            {formatValue(status.value, d.unit)}
          </span>
        </div>
      </header>
      {status.reason && (status.state === 'error' || status.state === 'stale') && (
        <p className="signal-reason" data-testid="signal-reason">
          {status.reason}
        </p>
      )}
      <SignalChart signal={signal} buffer={buffer} from={from} live={live} markers={markers} />
    </article>
  )
}
