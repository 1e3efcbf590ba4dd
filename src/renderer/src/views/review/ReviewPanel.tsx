import type { Room } from '../../../../shared/room'
import { client, useIdentity } from '../../session/room'
import { useCall } from '../../room/use-call'
import { useReview } from '../../review/use-review'
import { reviewStatus } from '../../review/review-shape'
import { formatMoment } from '../../releases/window-time'
import { ReviewFacts } from './ReviewFacts'
import { ReviewQuestions } from './ReviewQuestions'
import { ReviewLessons } from './ReviewLessons'
import { ReviewActions } from './ReviewActions'
import '../../review.css'

const OPENED_ON: Record<string, string> = { validating: 'entered validating', 'rolled-back': 'was rolled back', aborted: 'was aborted' }

/**
 * The post-release review: the facts drafted from the record, the playbook's questions, lessons learned and action
 * items. It appears once the release enters validating (or ends rolled back or aborted); closing waits on it.
 */
export function ReviewPanel({ room }: { room: Room }) {
  const { review, error, show } = useReview(room)
  const actor = useIdentity((s) => s.actor)
  const complete = useCall()
  if (!review) return error ? <p className="banner banner-error">{error}</p> : null

  const status = reviewStatus(review)
  const mayComplete = !review.completed && actor !== null && (actor.role === 'project-manager' || actor.name.trim().toLowerCase() === room.release.owner.trim().toLowerCase())

  async function finish() {
    if (!actor) return
    const r = await complete.run(() => client.call('review.complete', { releaseId: review!.releaseId, actor }))
    if (r) show(r)
  }

  return (
    <section className="card review" data-testid="review-panel">
      <div className="panel-head">
        <h2>Post-release review</h2>
        <div className="review-head-right">
          <span className={`review-status review-${status.tone}`} data-testid="review-status">
            {status.text}
          </span>
          {mayComplete && (
            <button type="button" className="primary" onClick={() => void finish()} disabled={complete.busy || review.missing.length > 0} data-testid="review-complete">
              Complete review
            </button>
          )}
        </div>
      </div>
      <p className="muted review-opened">
        Opened {formatMoment(review.openedAt)}, when the release {OPENED_ON[review.openedOn]}.
        {review.completed && ` Completed by ${review.completed.by.name}, ${formatMoment(review.completed.at)}.`}
      </p>
      {!review.completed && review.missing.length > 0 && (
        <ul className="review-missing" data-testid="review-missing">
          {review.missing.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {complete.error && (
        <p className="form-error" role="alert">
          {complete.error}
        </p>
      )}
      <ReviewFacts draft={review.draft} />
      <div className="review-work">
        <ReviewQuestions review={review} onSaved={show} />
        <div className="review-side">
          <ReviewLessons review={review} onSaved={show} />
          <ReviewActions review={review} onSaved={show} />
        </div>
      </div>
    </section>
  )
}
