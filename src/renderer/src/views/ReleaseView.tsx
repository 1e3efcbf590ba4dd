import { useEffect } from 'react'
import { roomStore, useRoom } from '../session/room'
import { RoomHeader } from './room/RoomHeader'
import { ChecklistPanel } from './room/ChecklistPanel'
import { GatePanel } from './room/GatePanel'
import { TimelinePanel } from './room/TimelinePanel'
import { RolloutSection } from './rollout/RolloutSection'
import { HealthSection } from './health/HealthSection'
import { ClosurePanel } from './room/ClosurePanel'
import { ReviewPanel } from './review/ReviewPanel'
import { SaveAsTemplate } from './room/SaveAsTemplate'
import { ReportLink } from './report/ReportLink'
import { UpdatesPanel } from './updates/UpdatesPanel'

/** The war room for one release: header, checklist, gate and timeline, all kept live by the room store. */
export function ReleaseView({ releaseId }: { releaseId: string }) {
  const room = useRoom((s) => s.room)
  const timeline = useRoom((s) => s.timeline)
  const error = useRoom((s) => s.error)

  useEffect(() => {
    roomStore.getState().open(releaseId)
    return () => roomStore.getState().close()
  }, [releaseId])

  if (!room || room.release.id !== releaseId) {
    return (
      <main className="page">
        {error ? (
          <p className="banner banner-error" role="alert">
            {error}
          </p>
        ) : (
          <p className="muted">Opening the war room…</p>
        )}
        <a href="#/">← All releases</a>
      </main>
    )
  }

  return (
    <main className="page room" data-testid="release-view">
      <div className="room-topline">
        <span className="room-topline-links">
          <a href="#/" className="back">
            ← All releases
          </a>
          <ReportLink releaseId={room.release.id} />
        </span>
        <SaveAsTemplate releaseId={room.release.id} title={room.release.title} />
      </div>
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      <RoomHeader room={room} />
      <RolloutSection room={room} />
      <HealthSection room={room} />
      <UpdatesPanel room={room} />
      <div className="room-grid">
        <ChecklistPanel releaseId={room.release.id} items={room.checklist} planning={room.release.status === 'planning'} />
        <div className="room-side">
          <GatePanel room={room} />
          <TimelinePanel releaseId={room.release.id} entries={timeline} />
        </div>
      </div>
      <ClosurePanel room={room} />
      <ReviewPanel room={room} />
    </main>
  )
}
