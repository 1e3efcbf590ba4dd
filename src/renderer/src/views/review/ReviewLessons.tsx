import { useState } from 'react'
import type { PostReview } from '../../../../shared/review'
import { client, useIdentity } from '../../session/room'
import { useCall } from '../../room/use-call'
import { lessonsFromText } from '../../review/review-shape'
import { formatMoment } from '../../releases/window-time'

/** Lessons learned, one per line: what the team would do differently next time. */
export function ReviewLessons({ review, onSaved }: { review: PostReview; onSaved(r: PostReview): void }) {
  const actor = useIdentity((s) => s.actor)
  const [draft, setDraft] = useState<string | null>(null)
  const save = useCall()
  const canEdit = review.completed === null && actor !== null && actor.role !== 'observer'

  async function submit() {
    if (!actor || draft === null) return
    const r = await save.run(() => client.call('review.lessons.set', { releaseId: review.releaseId, lessons: lessonsFromText(draft), actor }))
    if (r) {
      setDraft(null)
      onSaved(r)
    }
  }

  return (
    <section className="review-lessons" data-testid="review-lessons">
      <h3>
        Lessons learned {review.lessonsBy && <span className="muted">· {review.lessonsBy.name}, {formatMoment(review.lessonsAt)}</span>}
      </h3>
      {review.lessons.length > 0 && draft === null && (
        <ul className="lessons">
          {review.lessons.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      )}
      {review.lessons.length === 0 && draft === null && <p className="muted">No lesson written yet.</p>}
      {canEdit &&
        (draft === null ? (
          <button type="button" onClick={() => setDraft(review.lessons.join('\n'))} data-testid="lessons-edit">
            {review.lessons.length ? 'Edit lessons' : 'Write lessons'}
          </button>
        ) : (
          <div className="lessons-form">
            <textarea rows={4} value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="One lesson per line" aria-label="Lessons learned, one per line" data-testid="lessons-text" />
            <div className="form-actions">
              <button type="button" className="ghost" onClick={() => setDraft(null)}>
                Cancel
              </button>
              <button type="button" className="primary" onClick={() => void submit()} disabled={save.busy} data-testid="lessons-save">
                Save lessons
              </button>
            </div>
          </div>
        ))}
      {save.error && (
        <p className="form-error" role="alert">
          {save.error}
        </p>
      )}
    </section>
  )
}
