import { useState } from 'react'
import type { PostReview, ReviewAnswerView } from '../../../../shared/review'
import { client, useIdentity } from '../../session/room'
import { useCall } from '../../room/use-call'
import { questionGroups } from '../../review/review-shape'

/** The four areas of questions, each answered where it stands; a completed review reads as a document. */
export function ReviewQuestions({ review, onSaved }: { review: PostReview; onSaved(r: PostReview): void }) {
  return (
    <div className="review-questions" data-testid="review-questions">
      {questionGroups(review.questions).map((g) => (
        <section key={g.area} className="review-q-group">
          <h3>
            {g.label}{' '}
            <span className="muted">
              {g.settled} of {g.questions.length}
            </span>
          </h3>
          {g.questions.map((q) => (
            <Question key={q.id} releaseId={review.releaseId} question={q} locked={review.completed !== null} onSaved={onSaved} />
          ))}
        </section>
      ))}
    </div>
  )
}

function Question({ releaseId, question, locked, onSaved }: { releaseId: string; question: ReviewAnswerView; locked: boolean; onSaved(r: PostReview): void }) {
  const actor = useIdentity((s) => s.actor)
  const [draft, setDraft] = useState<string | null>(null)
  const save = useCall()
  const text = draft ?? question.answer
  const canEdit = !locked && actor !== null && actor.role !== 'observer'

  async function send(notApplicable: boolean) {
    if (!actor) return
    const r = await save.run(() => client.call('review.answer', { releaseId, questionId: question.id, answer: text.trim() || undefined, notApplicable, actor }))
    if (r) {
      setDraft(null)
      onSaved(r)
    }
  }

  const state = question.notApplicable ? 'n/a' : question.answer.trim() ? 'answered' : 'open'
  return (
    <div className={`review-q review-q-${state === 'n/a' ? 'na' : state}`} data-testid="review-question" data-question={question.id} data-state={state}>
      <div className="review-q-text">{question.text}</div>
      {canEdit ? (
        <>
          <textarea rows={2} value={text} onChange={(e) => setDraft(e.target.value)} aria-label={question.text} placeholder={question.notApplicable ? 'Not applicable' : 'Answer'} />
          <div className="review-q-actions">
            {question.by && (
              <span className="muted">
                {question.notApplicable ? 'not applicable' : 'answered'} by {question.by.name}
              </span>
            )}
            <button type="button" className="ghost" onClick={() => void send(!question.notApplicable)} disabled={save.busy || (question.notApplicable && !text.trim())} title={question.notApplicable && !text.trim() ? 'Write the answer first' : undefined} data-testid="question-na">
              {question.notApplicable ? 'Applies after all' : 'Not applicable'}
            </button>
            {draft !== null && (
              <button type="button" className="primary" onClick={() => void send(false)} disabled={save.busy || !text.trim()} data-testid="question-save">
                Save
              </button>
            )}
          </div>
        </>
      ) : (
        <div className="review-q-answer">
          {state === 'n/a' ? <em>Not applicable{question.answer ? `: ${question.answer}` : ''}</em> : question.answer || <span className="muted">Not answered</span>}
          {question.by && <span className="muted"> · {question.by.name}</span>}
        </div>
      )}
      {save.error && (
        <p className="form-error" role="alert">
          {save.error}
        </p>
      )}
    </div>
  )
}
