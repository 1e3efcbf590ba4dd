import { useState } from 'react'
import type { Room } from '../../../../shared/room'
import { STRATEGY_LABELS } from '../../../../shared/release'
import { useIdentity } from '../../session/room'
import { useNow } from '../../room/use-now'
import { controlsFor, laneSteps, rolloutHeadline } from '../../rollout/lane'
import { useRolloutNotices } from '../../rollout/use-rollout-notices'
import { StepLane } from './StepLane'
import { RolloutControls } from './RolloutControls'
import { PlanEditor } from './PlanEditor'
import { RollbackChecklist } from './RollbackChecklist'
import '../../rollout.css'

/** The rollout lane: the plan as a track, live soaks, the controls, the plan editor before production, the rollback. */
export function RolloutSection({ room }: { room: Room }) {
  const actor = useIdentity((s) => s.actor)
  const now = useNow()
  const [editing, setEditing] = useState(false)
  const notices = useRolloutNotices(room.release.id, room.release.title)
  const { rollout, release } = room
  const headline = rolloutHeadline(rollout.state)
  const controls = controlsFor(rollout, release.status, actor)
  const steps = laneSteps(rollout.state, rollout.currentStepIndex, now)
  const canEdit = rollout.editable && !!actor && actor.role !== 'observer'

  return (
    <section className="card rollout" data-testid="rollout-section">
      <div className="panel-head">
        <h2>
          Rollout <span className="muted rollout-strategy">· {STRATEGY_LABELS[rollout.plan.strategy]}</span>
        </h2>
        <div className="rollout-head-right">
          <span className={`rollout-status tone-${headline.tone}`} data-testid="rollout-status" data-status={rollout.state.status}>
            {headline.text}
          </span>
          {notices.permission === 'default' && (
            <button className="ghost" onClick={notices.enable} data-testid="notify-enable">
              Desktop alerts
            </button>
          )}
          {canEdit && !editing && (
            <button onClick={() => setEditing(true)} data-testid="plan-edit">
              Edit plan
            </button>
          )}
        </div>
      </div>
      {headline.detail && (
        <p className={`rollout-detail tone-${headline.tone}`} data-testid="rollout-detail">
          {headline.detail}
        </p>
      )}
      {editing && actor && rollout.editable ? (
        <PlanEditor releaseId={release.id} plan={rollout.plan} actor={actor} onDone={() => setEditing(false)} />
      ) : (
        <StepLane steps={steps} />
      )}
      {rollout.state.status === 'not-started' && !editing && (
        <p className="muted rollout-hint">
          {release.status === 'production'
            ? 'The release is in production: start the rollout when the team is ready.'
            : 'The rollout starts once the release reaches production; staging is the dress rehearsal. The plan can be edited until then.'}
        </p>
      )}
      <RolloutControls releaseId={release.id} controls={controls} actor={actor} />
      {notices.latest && (
        <p className="rollout-notice" data-testid="rollout-notice">
          Latest alert · {notices.latest.heading}: {notices.latest.body}
        </p>
      )}
      {room.rollback && <RollbackChecklist releaseId={release.id} procedure={room.rollback} actor={actor} />}
    </section>
  )
}
