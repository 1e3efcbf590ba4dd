import { useCallback, useMemo, useSyncExternalStore } from 'react'
import type { Room } from '../../../../shared/room'
import type { SignalView } from '../../../../shared/room-signals'
import { healthStore, useHealth } from '../../health/session'
import { formatValue, sparkline, STATE_LABELS } from '../../health/health-shape'
import '../../health.css'

const BOX = { width: 120, height: 30 }

function Spark({ signal }: { signal: SignalView }) {
  const status = useHealth((s) => s.statuses[signal.id]) ?? signal.status
  const buffer = healthStore.getState().buffer(signal.id)
  // Subscribed to its own buffer only: another signal's batch does not redraw this line.
  const subscribe = useCallback((changed: () => void) => buffer.subscribe(changed), [buffer])
  const version = useSyncExternalStore(subscribe, () => buffer.version)
  const definition = signal.definition
  const line = useMemo(() => {
    const points = buffer.points
    return sparkline(points.slice(Math.max(0, points.length - 300)), BOX, definition)
    // The buffer's points change in place; its version says when.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [buffer, version, definition])
  return (
    <li className={`spark state-${status.state}`} data-testid="spark" data-signal={definition.name} data-state={status.state} title={status.reason ?? STATE_LABELS[status.state]}>
      <span className="spark-name">{definition.name}</span>
      <svg width={BOX.width} height={BOX.height} viewBox={`0 0 ${BOX.width} ${BOX.height}`} aria-hidden="true">
        {line.critical !== undefined && <line x1={0} x2={BOX.width} y1={line.critical} y2={line.critical} className="spark-critical" />}
        <polyline points={line.path} className="spark-line" />
      </svg>
      <span className="spark-value">{formatValue(status.value, definition.unit)}</span>
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
