import type { Room } from '../../../../shared/room'
import type { SignalView } from '../../../../shared/room-signals'
import { healthStore, useHealth } from '../../health/session'
import { formatValue, sparkline, STATE_LABELS } from '../../health/health-shape'
import '../../health.css'

const BOX = { width: 120, height: 30 }

function Spark({ signal }: { signal: SignalView }) {
  // Re-rendered on every live batch; reads the shared buffer rather than copying it into state.
  useHealth((s) => s.liveTick)
  const status = useHealth((s) => s.statuses[signal.id]) ?? signal.status
  const points = healthStore.getState().buffer(signal.id).points
  const recent = points.slice(Math.max(0, points.length - 300))
  const line = sparkline(recent, BOX, signal.definition)
  return (
    <li className={`spark state-${status.state}`} data-testid="spark" data-signal={signal.definition.name} data-state={status.state} title={status.reason ?? STATE_LABELS[status.state]}>
      <span className="spark-name">{signal.definition.name}</span>
      <svg width={BOX.width} height={BOX.height} viewBox={`0 0 ${BOX.width} ${BOX.height}`} aria-hidden="true">
        {line.critical !== undefined && <line x1={0} x2={BOX.width} y1={line.critical} y2={line.critical} className="spark-critical" />}
        <polyline points={line.path} className="spark-line" />
      </svg>
      <span className="spark-value">{formatValue(status.value, signal.definition.unit)}</span>
    </li>
  )
}

/** The header's compact strip: each signal's recent line, value and state colour, readable at a glance. */
export function HealthStrip({ room }: { room: Room }) {
  if (!room.signals?.length) return null
  return (
    <ul className="health-strip" data-testid="health-strip" aria-label="Signals">
      {room.signals.map((s) => (
        <Spark key={s.id} signal={s} />
      ))}
    </ul>
  )
}
