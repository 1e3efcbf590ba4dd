import { describe, expect, it } from 'vitest'
import type { TemplateGate } from '../../../src/shared/runbook'
import { REVIEW_QUESTIONS } from '../../../src/shared/review'
import { evaluateGate } from '../../../src/main/runbook/gate-rules'
import { missingFromReview, reviewBlockers, reviewProgress, type ReviewContent } from '../../../src/main/review/review-criterion'

const closedGate: TemplateGate = { id: 'closed', title: 'Release complete', phases: ['closure'], approvers: [] }
const validatingGate: TemplateGate = { id: 'validating', title: 'Production deployment complete', phases: [], approvers: [] }

const allAnswered = REVIEW_QUESTIONS.map((q) => ({ questionId: q.id, answer: 'Yes', notApplicable: false }))
const sam = { name: 'Sam Lee', role: 'sre' } as const

function content(over: Partial<ReviewContent> = {}): ReviewContent {
  return { answers: allAnswered, lessons: ['Verify restores the day before'], actions: [{ title: 'Automate the restore test', owner: sam }], completed: { by: sam, at: 'x' }, ...over }
}

describe('the review criterion of the closure gate', () => {
  it('counts a question settled when answered or marked not applicable, and not when the answer is blank', () => {
    const answers = [
      { questionId: 'tech-plan', answer: 'Mostly', notApplicable: false },
      { questionId: 'tech-surprises', answer: '', notApplicable: true },
      { questionId: 'tech-duration', answer: '   ', notApplicable: false }
    ]
    const p = reviewProgress(content({ answers }))
    expect(p.unanswered).toHaveLength(REVIEW_QUESTIONS.length - 2)
    expect(p.unanswered[0]).toBe('How long did it take against the estimate?')
  })

  it('names every missing piece: questions (the first three, then a count), lessons and owners', () => {
    const p = reviewProgress(
      content({
        answers: allAnswered.slice(4),
        lessons: ['  '],
        actions: [{ title: 'Automate the restore test', owner: null }, { title: 'Page the DBA on-call', owner: sam }, { title: 'Write the runbook', owner: { name: ' ', role: 'sre' } }],
        completed: null
      })
    )
    expect(missingFromReview(p)).toEqual([
      '4 questions not answered or marked not applicable: "Did the deployment follow the plan?", "What surprised us?", "How long did it take against the estimate?" and 1 more',
      'no lesson learned written yet',
      '2 action items have no owner: "Automate the restore test" and "Write the runbook"'
    ])
    expect(reviewBlockers(p)).toEqual([
      'Post-release review not complete: 4 questions not answered or marked not applicable: "Did the deployment follow the plan?", "What surprised us?", "How long did it take against the estimate?" and 1 more; no lesson learned written yet; 2 action items have no owner: "Automate the restore test" and "Write the runbook"'
    ])
  })

  it('asks for the completion itself once nothing is missing, and is met once completed', () => {
    expect(reviewBlockers(reviewProgress(content({ completed: null })))).toEqual(['Post-release review not marked complete by the project manager or the accountable owner'])
    expect(reviewBlockers(reviewProgress(content()))).toEqual([])
    // No action items at all is fine: not every release leaves work behind.
    expect(reviewBlockers(reviewProgress(content({ actions: [] })))).toEqual([])
  })

  it('is a criterion of the closure gate only, listed with its other unmet criteria', () => {
    const incomplete = reviewProgress(content({ lessons: [], completed: null }))
    const closed = evaluateGate(closedGate, 'validating', [], [], incomplete)
    expect(closed.satisfied).toBe(false)
    expect(closed.blockers).toEqual(['Post-release review not complete: no lesson learned written yet'])
    expect(evaluateGate(closedGate, 'validating', [], [], reviewProgress(content())).satisfied).toBe(true)
    expect(evaluateGate(validatingGate, 'production', [], [], incomplete).satisfied).toBe(true)
  })
})
