import { REVIEW_QUESTIONS, type ReviewAction, type ReviewProgress } from '../../shared/review'

/**
 * The closure gate's review criterion, pure and free of the runbook's rules (which call it), so the gate evaluation
 * stays a function of plain data.
 */

/** Only the shapes it reads, so a test or the gate passes plain data. */
export interface ReviewContent {
  answers: readonly { questionId: string; answer: string; notApplicable: boolean }[]
  lessons: readonly string[]
  actions: readonly Pick<ReviewAction, 'title' | 'owner'>[]
  completed: unknown
}

export function reviewProgress(r: ReviewContent): ReviewProgress {
  const settled = new Set(r.answers.filter((a) => a.notApplicable || a.answer.trim()).map((a) => a.questionId))
  return {
    unanswered: REVIEW_QUESTIONS.filter((q) => !settled.has(q.id)).map((q) => q.text),
    lessons: r.lessons.filter((l) => l.trim()).length,
    ownerless: r.actions.filter((a) => !a.owner?.name.trim()).map((a) => a.title),
    completed: r.completed !== null && r.completed !== undefined
  }
}

function list(names: readonly string[], max = 3): string {
  const shown = names.slice(0, max).map((n) => `"${n}"`)
  if (names.length > max) return `${shown.join(', ')} and ${names.length - max} more`
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`
}

/** What the review still lacks before it can be completed, one sentence each; empty when it can be. */
export function missingFromReview(p: ReviewProgress): string[] {
  const missing: string[] = []
  const n = p.unanswered.length
  if (n) missing.push(`${n} question${n === 1 ? '' : 's'} not answered or marked not applicable: ${list(p.unanswered)}`)
  if (p.lessons === 0) missing.push('no lesson learned written yet')
  const o = p.ownerless.length
  if (o) missing.push(`${o} action item${o === 1 ? ' has' : 's have'} no owner: ${list(p.ownerless)}`)
  return missing
}

/**
 * The closure gate's review criterion ("Release closure completed: chapter closed, lessons learned"), in the same
 * voice as the gate's other unmet criteria: each names what is missing, so the room knows what to do next.
 */
export function reviewBlockers(p: ReviewProgress): string[] {
  const missing = missingFromReview(p)
  if (missing.length) return [`Post-release review not complete: ${missing.join('; ')}`]
  if (!p.completed) return ['Post-release review not marked complete by the project manager or the accountable owner']
  return []
}
