import type { Room } from '../../../../shared/room'
import { STRATEGY_LABELS } from '../../../../shared/release'
import { client, useIdentity } from '../../session/room'
import { windowCountdown } from '../../room/window-countdown'
import { useNow } from '../../room/use-now'
import { useCall } from '../../room/use-call'
import { StageTrack } from './StageTrack'
import { ReleaseFacts } from './ReleaseFacts'
import { IncidentBanner } from '../rollout/IncidentBanner'
import { HealthStrip } from '../health/HealthStrip'

export function RoomHeader({ room }: { room: Room }) {
  const { release } = room
  const actor = useIdentity((s) => s.actor)
  const now = useNow()
  const countdown = windowCountdown(now, release.windowStart, release.windowEnd)
  const next = room.gates.find((g) => g.position === 'next')
  const advance = useCall()

  return (
    <header className="room-header card" data-testid="room-header">
      <div className="room-head-row">
        <div className="room-title">
          <div className="eyebrow">
            {release.service} {release.version} · {release.environment} · {STRATEGY_LABELS[release.strategy]}
          </div>
          <h1 data-testid="release-title">{release.title}</h1>
          <div className="muted">
            Accountable owner <strong className="owner">{release.owner}</strong>
          </div>
        </div>
        <div className="room-status">
          <span className={`status status-${release.status} status-big`} data-testid="release-status">
            {release.status}
          </span>
          <span className={`countdown countdown-${countdown.phase}`} data-testid="window-countdown">
            {countdown.text}
          </span>
        </div>
      </div>
      <ReleaseFacts release={release} />
      <StageTrack status={release.status} />
      <HealthStrip room={room} />
      <IncidentBanner room={room} />
      {release.endedReason && (
        <p className="banner banner-error" data-testid="ended-reason">
          Ended {release.status}: {release.endedReason}
        </p>
      )}
      {next && (
        <div className={`next-gate ${next.satisfied ? 'next-gate-ok' : 'next-gate-blocked'}`} data-testid="next-gate">
          <div>
            <strong>Next gate: {next.title}</strong>{' '}
            <span className="muted">
              · {next.items.settled}/{next.items.total} required items · {next.approvals.filter((a) => a.verdict === 'go').length}/
              {next.approvals.length} approvals
            </span>
            {next.satisfied ? (
              <div className="gate-clear">All criteria met: ready to advance.</div>
            ) : (
              <ul className="blockers" data-testid="next-gate-blockers">
                {next.blockers.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            )}
          </div>
          <button
            className={next.satisfied ? 'primary' : ''}
            disabled={!actor || advance.busy}
            onClick={() => actor && advance.run(() => client.call('releases.advance', { releaseId: release.id, actor }))}
            data-testid="advance"
          >
            Advance to {next.id}
          </button>
        </div>
      )}
      {advance.error && (
        <p className="form-error" role="alert" data-testid="advance-error">
          {advance.error}
        </p>
      )}
    </header>
  )
}
