import { REVIEW_AREAS, REVIEW_AREA_LABELS, type OutcomeSignalLink, type PostReview, type ReviewAction, type ReviewAnswerView, type ReviewArea } from '../../../shared/review'

/** How far from the reference a decision came, as the room says it: "+5 min", "−30 min", "+1 h 05 min". */
export function offsetText(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000)
  const sign = ms < 0 && minutes > 0 ? '−' : '+'
  if (minutes < 60) return `${sign}${minutes} min`
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (h >= 48) return `${sign}${Math.round(h / 24)} days`
  return `${sign}${h} h ${String(m).padStart(2, '0')} min`
}

/** A duration for a figure: "24 min", "1 h 05 min", "40 s". */
export function durationText(ms: number | null): string {
  if (ms === null) return '—'
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`
  return offsetText(ms).slice(1)
}

export interface QuestionGroup {
  area: ReviewArea
  label: string
  questions: ReviewAnswerView[]
  settled: number
}

const isSettled = (q: ReviewAnswerView) => q.notApplicable || q.answer.trim() !== ''

/** The questions by the playbook's four areas, each with how many are answered or set aside. */
export function questionGroups(questions: readonly ReviewAnswerView[]): QuestionGroup[] {
  return REVIEW_AREAS.map((area) => {
    const mine = questions.filter((q) => q.area === area)
    return { area, label: REVIEW_AREA_LABELS[area], questions: mine, settled: mine.filter(isSettled).length }
  })
}

export type ReviewTone = 'done' | 'ready' | 'open'

/** One line for the review's head: completed, ready to complete, or how much is left. */
export function reviewStatus(review: Pick<PostReview, 'completed' | 'missing' | 'progress'>): { tone: ReviewTone; text: string } {
  if (review.completed) return { tone: 'done', text: `Completed by ${review.completed.by.name}` }
  if (review.missing.length === 0) return { tone: 'ready', text: 'Ready to complete' }
  const left = review.progress.unanswered.length
  const parts = [left ? `${left} question${left === 1 ? '' : 's'} open` : null, review.progress.lessons === 0 ? 'no lessons yet' : null, review.progress.ownerless.length ? `${review.progress.ownerless.length} without owner` : null]
  return { tone: 'open', text: parts.filter(Boolean).join(' · ') }
}

export type ActionState = 'done' | 'overdue' | 'open'

/** An action item is overdue once its due day has passed without it being done; `today` is YYYY-MM-DD. */
export function actionState(action: Pick<ReviewAction, 'status' | 'due'>, today: string): ActionState {
  if (action.status === 'done') return 'done'
  return action.due !== null && action.due < today ? 'overdue' : 'open'
}

export function localDay(now: number): string {
  const d = new Date(now)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** Lessons are typed one per line; blank lines are dropped. */
export function lessonsFromText(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/^\s*[-*•]\s*/, '').trim())
    .filter((l) => l !== '')
}

/** How a link reads under its criterion: "Read from Error rate: mean < 0.1 % over the first 60 min of validation". */
export function linkText(l: OutcomeSignalLink, unit: string): string {
  const value = `${l.value}${unit ? (unit === '%' ? '%' : ` ${unit}`) : ''}`
  const base = `Read from ${l.signalName}: mean ${l.comparator} ${value} over the first ${l.windowMinutes} min of validation`
  if (l.settled === 'no-data') return `${base} (no samples in the window)`
  if (l.settled === 'by-person') return `${base} (measured by hand first)`
  return base
}
