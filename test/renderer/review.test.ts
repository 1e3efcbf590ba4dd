import { describe, expect, it } from 'vitest'
import { REVIEW_QUESTIONS, type ReviewAnswerView } from '../../src/shared/review'
import { actionState, linkText, durationText, lessonsFromText, offsetText, questionGroups, reviewStatus } from '../../src/renderer/src/review/review-shape'

const MIN = 60_000
const sam = { name: 'Sam Lee', role: 'sre' } as const

describe('the review panel’s shaping', () => {
  it('writes decision offsets and durations the way the room says them', () => {
    expect([offsetText(5 * MIN), offsetText(-30 * MIN), offsetText(65 * MIN), offsetText(0), offsetText(-20_000), offsetText(72 * 60 * MIN)]).toEqual([
      '+5 min',
      '−30 min',
      '+1 h 05 min',
      '+0 min',
      '+0 min',
      '+3 days'
    ])
    expect([durationText(40_000), durationText(24 * MIN), durationText(null)]).toEqual(['40 s', '24 min', '—'])
  })

  it('groups questions by the playbook’s four areas, counting the settled ones', () => {
    const questions: ReviewAnswerView[] = REVIEW_QUESTIONS.map((q, i) => ({ ...q, answer: i === 0 ? 'Yes' : '', notApplicable: i === 1, by: null, at: null }))
    const groups = questionGroups(questions)
    expect(groups.map((g) => [g.label, g.questions.length, g.settled])).toEqual([
      ['Technical', 5, 2],
      ['Process', 5, 0],
      ['People', 5, 0],
      ['Business', 5, 0]
    ])
  })

  it('sums up where the review stands in one line', () => {
    const progress = { unanswered: ['a', 'b'], lessons: 0, ownerless: ['x'], completed: false }
    expect(reviewStatus({ completed: null, missing: ['…'], progress })).toEqual({ tone: 'open', text: '2 questions open · no lessons yet · 1 without owner' })
    expect(reviewStatus({ completed: null, missing: [], progress: { ...progress, unanswered: [], lessons: 1, ownerless: [] } })).toEqual({ tone: 'ready', text: 'Ready to complete' })
    expect(reviewStatus({ completed: { by: sam, at: 'x' }, missing: [], progress })).toEqual({ tone: 'done', text: 'Completed by Sam Lee' })
  })

  it('marks an action item overdue only once its day has passed undone', () => {
    expect(actionState({ status: 'open', due: '2026-02-03' }, '2026-02-03')).toBe('open')
    expect(actionState({ status: 'open', due: '2026-02-03' }, '2026-02-04')).toBe('overdue')
    expect(actionState({ status: 'done', due: '2026-02-03' }, '2026-02-04')).toBe('done')
    expect(actionState({ status: 'open', due: null }, '2030-01-01')).toBe('open')
  })

  it('says which signal a criterion is read from, and why it was not when it was not', () => {
    const link = { criterion: 0, signalId: 's', signalName: 'Error rate', comparator: '<' as const, value: 0.1, windowMinutes: 60, setBy: sam, setAt: 'x', settled: null, settledAt: null }
    expect(linkText(link, '%')).toBe('Read from Error rate: mean < 0.1% over the first 60 min of validation')
    expect(linkText({ ...link, settled: 'no-data' }, 'ms')).toBe('Read from Error rate: mean < 0.1 ms over the first 60 min of validation (no samples in the window)')
  })

  it('reads lessons one per line, dropping bullets and blank lines', () => {
    expect(lessonsFromText('- Verify restores the day before\n\n  • Page the DBA early  \n*Keep soaks at 10 min')).toEqual(['Verify restores the day before', 'Page the DBA early', 'Keep soaks at 10 min'])
  })
})
