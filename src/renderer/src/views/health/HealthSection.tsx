import { useCallback, useEffect, useMemo, useState } from 'react'
import type { Room } from '../../../../shared/room'
import type { SignalView } from '../../../../shared/room-signals'
import { client, useIdentity } from '../../session/room'
import { healthStore, useHealth } from '../../health/session'
import { chartMarkers, layoutSignals, rangeBounds, RANGES, type RangeKey } from '../../health/health-shape'
import { useCall } from '../../room/use-call'
import { SignalPanel } from './SignalPanel'
import { CanaryCard } from './CanaryCard'
import { SignalFormDialog } from './SignalFormDialog'
import '../../health.css'

const FAULTS = [
  { fault: 'errors', label: 'Inject errors' },
  { fault: 'latency', label: 'Inject latency' },
  { fault: 'none', label: 'Clear fault' }
] as const

/** The release's signals as live charts, canary/baseline pairs beside their analysis, and the controls around them. */
export function HealthSection({ room }: { room: Room }) {
  const releaseId = room.release.id
  const actor = useIdentity((s) => s.actor)
  const range = useHealth((s) => s.range)
  const canary = useHealth((s) => s.canary)
  const demo = useHealth((s) => s.demo)
  const [editing, setEditing] = useState<SignalView | 'new' | null>(null)
  const [from, setFrom] = useState(() => rangeBounds(range, Date.now(), room.release).from)
  const control = useCall()

  useEffect(() => {
    healthStore.getState().open(releaseId)
  }, [releaseId])
  useEffect(() => {
    healthStore.getState().syncRoom(room)
  }, [room])
  useEffect(() => {
    // The analysis is advisory and slow-moving: a fresh one every 15 seconds is plenty.
    const timer = setInterval(() => void healthStore.getState().refreshCanary(), 15_000)
    return () => clearInterval(timer)
  }, [releaseId])

  const choose = useCallback(
    (key: RangeKey) => {
      healthStore.getState().setRange(key)
      setFrom(rangeBounds(key, Date.now(), room.release).from)
    },
    [room.release]
  )

  const rolloutPart = (room as unknown as { rollout?: unknown }).rollout
  const markers = useMemo(() => chartMarkers(room.votes, { rollout: rolloutPart }), [room.votes, rolloutPart])
  const { pairs, singles } = layoutSignals(room.signals, canary.length ? canary : room.canary)
  const edit = (s: SignalView) => setEditing(s)
  const panel = (s: SignalView) => <SignalPanel key={s.id} signal={s} from={from} live markers={markers} onEdit={actor ? edit : undefined} />

  return (
    <section className="health card" data-testid="health-section">
      <div className="panel-head health-head">
        <h2>Health</h2>
        <div className="health-tools">
          <div className="range-select" role="group" aria-label="Chart range">
            {RANGES.map((r) => (
              <button key={r.key} className={r.key === range ? 'chosen' : ''} aria-pressed={r.key === range} onClick={() => choose(r.key)} data-testid={`range-${r.key}`}>
                {r.label}
              </button>
            ))}
          </div>
          {demo && (
            <div className="demo-control" data-testid="demo-control" data-fault={demo.fault}>
              <span className="muted">Demo service{demo.fault !== 'none' ? `: ${demo.fault} injected` : ''} · canary {demo.trafficPercent}%</span>
              {FAULTS.filter((f) => f.fault !== demo.fault).map((f) => (
                <button
                  key={f.fault}
                  className={f.fault === 'none' ? '' : 'danger'}
                  disabled={!actor || control.busy}
                  onClick={() => actor && control.run(() => client.call('signals.demo', { releaseId, fault: f.fault, actor }))}
                  data-testid={`demo-${f.fault}`}
                >
                  {f.label}
                </button>
              ))}
            </div>
          )}
          {actor && (
            <button onClick={() => setEditing('new')} data-testid="signal-add">
              + Signal
            </button>
          )}
        </div>
      </div>
      {control.error && (
        <p className="form-error" role="alert">
          {control.error}
        </p>
      )}
      {room.signals.length === 0 && <p className="muted">No signals watch this release yet. Add one: a Prometheus query, a /metrics scrape, a JSON health endpoint or a probe.</p>}
      {pairs.map((p) => (
        <div className="signal-pair" key={p.analysis.measure} data-testid="signal-pair">
          {panel(p.canary)}
          {panel(p.baseline)}
          <CanaryCard analysis={p.analysis} />
        </div>
      ))}
      {singles.length > 0 && <div className="signal-grid">{singles.map(panel)}</div>}
      {editing && <SignalFormDialog releaseId={releaseId} editing={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </section>
  )
}
