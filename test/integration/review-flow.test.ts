import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Room } from '../../src/shared/room'
import type { SignalView } from '../../src/shared/room-signals'
import type { SignalDefinitionInput } from '../../src/shared/signal'
import type { TimelineEntry } from '../../src/shared/timeline'
import type { OutcomeSignalLink, PostReview } from '../../src/shared/review'
import { REVIEW_QUESTIONS } from '../../src/shared/review'
import { settleSignalOutcomes } from '../../src/main/review/outcome-settle'
import { startOutcomeService } from '../../src/main/review/outcome-service'
import { countRows, testRoom } from '../support/room'
import { releaseInput } from '../support/fixtures'
import { advanceTo, call, people } from '../support/advance'
import { fakeTimers } from '../unit/rollout/room-helpers'

let t: ReturnType<typeof testRoom>
let releaseId: string
const at = (iso: string) => Date.parse(iso)
const MIN = 60_000

beforeEach(() => {
  t = testRoom()
  t.clock.set(at('2026-01-20T13:50:00Z'))
  releaseId = call<{ id: string }>(t.room, 'releases.create', {
    ...releaseInput(),
    successCriteria: [{ description: 'Error rate stays low', target: '< 0.1%' }, { description: 'Checkout p95 stays fast', target: '≤ 200 ms' }, { description: 'Conversion holds' }]
  }).id
})
afterEach(() => t.dispose())

const refusal = (method: string, input: unknown) => {
  const out = t.room.dispatch(method, input)
  if (out.ok) throw new Error(`${method} was accepted`)
  return out.error
}
const review = () => call<PostReview>(t.room, 'review.get', { releaseId })
const pm = people['project-manager']

/** Every row the review feature and the timeline hold, to show a refused call wrote nothing. */
const footprint = () => ['timeline', 'reviews', 'review_answers', 'review_actions', 'outcome_signals', 'outcomes'].map((x) => countRows(t.room, x))

/** The closed gate's items and votes, settled as their owners would, leaving only the review. */
function settleClosedGate() {
  const gate = call<Room>(t.room, 'releases.get', { releaseId }).gates.find((g) => g.id === 'closed')!
  for (const item of gate.items.open) call(t.room, 'checklist.set', { releaseId, itemId: item.id, status: 'done', actor: people[item.ownerRole as keyof typeof people] })
  for (const a of gate.approvals) call(t.room, 'decisions.vote', { releaseId, gate: 'closed', verdict: 'go', rationale: 'Validated', actor: people[a.role as keyof typeof people] })
}

describe('post-release review', () => {
  it('does not exist before the release is validating', () => {
    advanceTo(t.room, releaseId, 'production')
    expect(refusal('review.get', { releaseId }).message).toMatch(/opens when the release enters validating \(or ends rolled back or aborted\); it is production/)
  })

  it('opens when the release enters validating, drafted from the record', () => {
    const room = call<Room>(t.room, 'releases.get', { releaseId })
    const backups = room.checklist.find((i) => i.phase === 'pre-deployment' && i.ownerRole === 'sre')!
    t.clock.set(at('2026-01-20T13:55:00Z'))
    call(t.room, 'checklist.set', { releaseId, itemId: backups.id, status: 'blocked', note: 'Restore test failed on the replica', actor: people.sre })
    call(t.room, 'decisions.vote', { releaseId, gate: 'ready', verdict: 'no-go', rationale: 'Backups not verified', actor: people.sre })
    t.clock.set(at('2026-01-20T14:05:00Z'))
    advanceTo(t.room, releaseId, 'production')
    t.clock.set(at('2026-01-20T14:20:00Z'))
    call(t.room, 'incidents.open', { releaseId, severity: 'medium', summary: 'Coupon service slow', actor: people.sre })
    t.clock.set(at('2026-01-20T14:40:00Z'))
    advanceTo(t.room, releaseId, 'validating')

    const r = review()
    expect(r).toMatchObject({ openedOn: 'validating', openedAt: '2026-01-20T14:40:00.000Z', completed: null })
    expect(r.draft.reference).toEqual({ at: '2026-01-20T14:00:00.000Z', label: 'the planned window start' })
    // Each gate passed, timed from the planned window start.
    const gates = r.draft.decisions.filter((d) => d.kind === 'gate')
    expect(gates.map((d) => [d.text, d.sinceStartMs / MIN])).toEqual([
      ['Gate passed: "Go for deployment", moved to ready', 5],
      ['Gate passed: "Start the staging deployment", moved to staging', 5],
      ['Gate passed: "Go for production", moved to production', 5],
      ['Gate passed: "Production deployment complete", moved to validating', 40]
    ])
    const noGo = r.draft.decisions.find((d) => d.kind === 'vote' && d.text.includes('no-go'))!
    expect(noGo).toMatchObject({ actor: people.sre, sinceStartMs: -5 * MIN, text: 'SRE voted no-go on "Go for deployment": Backups not verified' })
    expect(r.draft.caught).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'blocked', title: backups.title, detail: 'Restore test failed on the replica', who: 'Sam Lee (SRE)' }),
        expect.objectContaining({ kind: 'no-go', title: 'No-go on "Go for deployment"', detail: 'Backups not verified' })
      ])
    )
    expect(r.draft.incidents).toEqual([expect.objectContaining({ severity: 'medium', summary: 'Coupon service slow', detectedAt: '2026-01-20T14:20:00.000Z', decidedAt: null })])
    expect(r.draft.headlines).toEqual(expect.arrayContaining(['No rollback', '1 incident, 0 critical', 'No sustained signal breach', 'The checklist and gates caught 1 blocked item and 1 no-go vote']))
    expect(r.draft.figures[0]).toMatchObject({ label: 'Deployment time' })
    expect(r.questions).toHaveLength(REVIEW_QUESTIONS.length)
    expect(r.missing).toEqual([
      expect.stringMatching(/^20 questions not answered or marked not applicable: "Did the deployment follow the plan\?", "What surprised us\?", "How long did it take against the estimate\?" and 17 more$/),
      'no lesson learned written yet'
    ])
  })

  it('is answered, gets lessons and owned action items, and holds the release open until it is completed', () => {
    advanceTo(t.room, releaseId, 'validating')
    settleClosedGate()
    const closed = () => call<Room>(t.room, 'releases.get', { releaseId }).gates.find((g) => g.id === 'closed')!
    // The gate names the review as its one unmet criterion; the room's header shows the next gate's blockers.
    expect(closed().blockers).toEqual([expect.stringMatching(/^Post-release review not complete: 20 questions not answered or marked not applicable: .*; no lesson learned written yet$/)])
    expect(refusal('releases.advance', { releaseId, actor: people['devops-lead'] }).message).toMatch(/^Cannot move to closed: Post-release review not complete: 20 questions/)

    const [last, ...rest] = [...REVIEW_QUESTIONS].reverse()
    for (const q of rest) call(t.room, 'review.answer', { releaseId, questionId: q.id, answer: `Answer to ${q.id}`, actor: people.sre })
    call(t.room, 'review.answer', { releaseId, questionId: last.id, notApplicable: true, answer: 'Too early to tell', actor: people['product-owner'] })
    call(t.room, 'review.lessons.set', { releaseId, lessons: ['Verify restores a day before the window, not during it'], actor: pm })
    let r = call<PostReview>(t.room, 'review.actions.add', { releaseId, title: 'Automate the restore test', actor: people.sre })
    const actionId = r.actions[0].id
    expect(r.actions[0]).toMatchObject({ title: 'Automate the restore test', owner: null, status: 'open' })
    expect(closed().blockers).toEqual(['Post-release review not complete: 1 action item has no owner: "Automate the restore test"'])
    expect(refusal('review.complete', { releaseId, actor: pm }).message).toBe('The review cannot be completed yet: 1 action item has no owner: "Automate the restore test".')

    call(t.room, 'review.actions.update', { releaseId, actionId, owner: { name: 'Sam Lee', role: 'sre' }, due: '2026-02-03', actor: pm })
    expect(closed().blockers).toEqual(['Post-release review not marked complete by the project manager or the accountable owner'])
    expect(refusal('review.complete', { releaseId, actor: people.sre }).message).toMatch(/completed by the project manager or the accountable owner \(Dana Okafor\)/)
    r = call<PostReview>(t.room, 'review.complete', { releaseId, actor: pm })
    expect(r.completed).toMatchObject({ by: pm })
    expect(r.questions.find((q) => q.id === last.id)).toMatchObject({ notApplicable: true, answer: 'Too early to tell', by: people['product-owner'] })
    expect(closed().satisfied).toBe(true)

    const moved = call<Room>(t.room, 'releases.advance', { releaseId, actor: people['devops-lead'] })
    expect(moved.release.status).toBe('closed')
    // A completed review is the record; the action item is still followed up after closing.
    expect(refusal('review.answer', { releaseId, questionId: last.id, answer: 'Changed my mind', actor: pm }).message).toMatch(/completed by Mo Diallo/)
    r = call<PostReview>(t.room, 'review.actions.update', { releaseId, actionId, status: 'done', actor: people.sre })
    expect(r.actions[0]).toMatchObject({ status: 'done', owner: { name: 'Sam Lee', role: 'sre' }, due: '2026-02-03' })

    const entries = call<TimelineEntry[]>(t.room, 'timeline.list', { releaseId, limit: 500 })
    const kinds = entries.map((e) => e.kind)
    expect(kinds.filter((k) => k === 'review.answered')).toHaveLength(20)
    expect(kinds).toEqual(expect.arrayContaining(['review.lessons-set', 'review.action-added', 'review.action-updated', 'review.completed']))
    expect(entries[0].summary).toBe('Action item "Automate the restore test": done')
    expect(call<{ ok: boolean }>(t.room, 'timeline.verify', { releaseId }).ok).toBe(true)
  })

  it('opens for a release that ends aborted, and refuses bad input writing nothing', () => {
    advanceTo(t.room, releaseId, 'staging')
    t.clock.advance(5 * MIN)
    call(t.room, 'releases.abort', { releaseId, reason: 'Payment provider outage', actor: people['devops-lead'] })
    expect(review()).toMatchObject({ openedOn: 'aborted' })
    expect(review().draft.decisions.at(-1)).toMatchObject({ kind: 'abort', text: 'Release aborted: Payment provider outage' })
    call(t.room, 'review.actions.add', { releaseId, title: 'Ask for a status feed', owner: { name: 'Tomas Berg', role: 'tech-lead' }, actor: pm })
    const actionId = review().actions[0].id

    const before = footprint()
    expect(refusal('review.answer', { releaseId, questionId: 'not-a-question', answer: 'x', actor: pm }).code).toBe('invalid_input')
    expect(refusal('review.answer', { releaseId, questionId: 'tech-plan', answer: '   ', actor: pm }).issues).toEqual([{ path: 'answer', message: 'Write an answer, or mark the question not applicable' }])
    expect(refusal('review.answer', { releaseId, questionId: 'tech-plan', answer: 'Fine', actor: people.observer }).message).toMatch(/Observers/)
    expect(refusal('review.lessons.set', { releaseId, lessons: [''], actor: pm }).code).toBe('invalid_input')
    expect(refusal('review.actions.add', { releaseId, title: 'x', owner: { name: '', role: 'sre' }, actor: pm }).code).toBe('invalid_input')
    expect(refusal('review.actions.add', { releaseId, title: 'x', due: 'next week', actor: pm }).issues).toEqual([{ path: 'due', message: 'due is a day such as 2026-02-03' }])
    expect(refusal('review.actions.update', { releaseId, actionId, actor: pm }).message).toMatch(/Say what to change/)
    expect(refusal('review.actions.update', { releaseId, actionId, owner: { name: 'Tomas Berg', role: 'tech-lead' }, actor: pm }).message).toMatch(/Nothing to change/)
    expect(refusal('review.actions.update', { releaseId, actionId: 'nope', status: 'done', actor: pm }).code).toBe('not_found')
    expect(refusal('review.complete', { releaseId, actor: pm }).message).toMatch(/^The review cannot be completed yet: 20 questions/)
    expect(refusal('outcomes.signal.set', { releaseId, criterion: 0, signalId: 'x', comparator: '<', value: 1, actor: people['product-owner'] }).message).toMatch(/aborted/)
    expect(footprint()).toEqual(before)
  })
})

// ---------------------------------------------------------------------------------------------------------------

const signal = (name: string, unit: string): SignalDefinitionInput => ({
  name,
  source: { kind: 'prometheus', url: 'http://prometheus:9090', query: 'up' },
  unit,
  thresholds: { direction: 'above', critical: 1000 },
  severity: 'high'
})

describe('an outcome read from a signal at the end of validation', () => {
  let errorRate: SignalView
  let latency: SignalView
  const sidOf = (s: SignalView) => t.room.stores.signals.get(s.id)!.sid
  const fill = (s: SignalView, from: number, to: number, v: (i: number) => number) => {
    for (let i = 0, ts = from; ts <= to; i++, ts += 15_000) t.room.stores.samples.insert(sidOf(s), ts, v(i))
  }
  const outcomes = () => call<Room>(t.room, 'releases.get', { releaseId }).outcomes
  const settle = () => t.room.transact((ctx) => settleSignalOutcomes(ctx, t.clock.now()))

  beforeEach(() => {
    errorRate = call<SignalView>(t.room, 'signals.add', { releaseId, signal: signal('Error rate', '%'), actor: people['devops-lead'] })
    latency = call<SignalView>(t.room, 'signals.add', { releaseId, signal: signal('Checkout p95', 'ms'), actor: people['devops-lead'] })
  })

  it('is linked by the product owner, then read as the mean over the window: met and missed', () => {
    const po = people['product-owner']
    const link = call<OutcomeSignalLink>(t.room, 'outcomes.signal.set', { releaseId, criterion: 0, signalId: errorRate.id, comparator: '<', value: 0.1, windowMinutes: 60, actor: po })
    expect(link).toMatchObject({ criterion: 0, signalName: 'Error rate', comparator: '<', value: 0.1, windowMinutes: 60, settled: null })
    call(t.room, 'outcomes.signal.set', { releaseId, criterion: 1, signalId: latency.id, comparator: '<=', value: 200, windowMinutes: 60, actor: po })
    call(t.room, 'outcomes.signal.set', { releaseId, criterion: 2, signalId: latency.id, comparator: '<', value: 1, windowMinutes: 60, actor: po })

    t.clock.set(at('2026-01-20T15:00:00Z'))
    advanceTo(t.room, releaseId, 'validating')
    const start = t.clock.now()
    // Before validating the error rate was bad; only the window counts. Inside it, 0.04 and 0.06 alternate: mean 0.05.
    fill(errorRate, start - 30 * MIN, start - 15_000, () => 5)
    fill(errorRate, start, start + 60 * MIN - 15_000, (i) => (i % 2 ? 0.06 : 0.04))
    fill(latency, start, start + 60 * MIN - 15_000, (i) => (i % 2 ? 260 : 240))
    call(t.room, 'outcomes.record', { releaseId, criterion: 2, result: 'met', measured: '3.2%', actor: po })

    t.clock.set(start + 30 * MIN)
    expect(settle()).toBe(0)
    expect(outcomes()[0].result).toBe('not measured')

    t.clock.set(start + 61 * MIN)
    expect(settle()).toBe(3)
    const [err, p95, conversion] = outcomes()
    expect(err).toMatchObject({ result: 'met', measured: 'mean 0.05% (< 0.1%)', by: { name: 'Error rate', role: 'signal' } })
    expect(err.note).toBe('Read from Error rate: 240 samples over 1h of validation.')
    expect(p95).toMatchObject({ result: 'missed', measured: 'mean 250 ms (<= 200 ms)' })
    // A person measured it first: theirs stands.
    expect(conversion).toMatchObject({ result: 'met', measured: '3.2%', by: po })
    const read = call<TimelineEntry[]>(t.room, 'timeline.list', { releaseId, kinds: ['outcome.recorded'], limit: 10 }).filter((e) => e.actor === null)
    expect(read.map((e) => e.summary).sort()).toEqual([
      '"Checkout p95 stays fast" missed: mean 250 ms (<= 200 ms), read from Checkout p95 over validation (target ≤ 200 ms)',
      '"Error rate stays low" met: mean 0.05% (< 0.1%), read from Error rate over validation (target < 0.1%)'
    ])
    // Read once: a second pass changes nothing, and the link can no longer be moved.
    expect(settle()).toBe(0)
    const links = call<OutcomeSignalLink[]>(t.room, 'outcomes.signal.list', { releaseId })
    expect(links.map((l) => [l.criterion, l.signalName, l.settled])).toEqual([
      [0, 'Error rate', 'met'],
      [1, 'Checkout p95', 'missed'],
      [2, 'Checkout p95', 'by-person']
    ])
    expect(refusal('outcomes.signal.set', { releaseId, criterion: 0, signalId: latency.id, comparator: '<', value: 1, actor: po }).message).toMatch(/already read at the end of validation/)
  })

  it('is read by the background service when the window ends, cut short if the release leaves validating first', () => {
    call(t.room, 'outcomes.signal.set', { releaseId, criterion: 0, signalId: errorRate.id, comparator: '<', value: 0.1, windowMinutes: 120, actor: people['product-owner'] })
    const timers = fakeTimers(t.clock)
    startOutcomeService(t.room, { timers: timers.timers, maxSleepMs: 10 * 60 * MIN })
    advanceTo(t.room, releaseId, 'validating')
    const start = t.clock.now()
    expect(timers.nextDelay()).toBe(120 * MIN)
    fill(errorRate, start, start + 30 * MIN, () => 0.5)
    t.clock.set(start + 30 * MIN)
    // Closing after 30 minutes ends the window there: the reading covers what validation there was.
    settleClosedGate()
    call(t.room, 'review.answer', { releaseId, questionId: 'tech-plan', answer: 'Yes', actor: pm })
    advanceTo(t.room, releaseId, 'closed')
    const [err] = outcomes()
    expect(err).toMatchObject({ result: 'missed', measured: 'mean 0.5% (< 0.1%)' })
    expect(err.note).toBe('Read from Error rate: 121 samples over 30m of validation, cut short when the release left validating.')
    expect(timers.nextDelay()).toBeNull()
  })

  it('says so on the timeline when the window holds no samples', () => {
    call(t.room, 'outcomes.signal.set', { releaseId, criterion: 0, signalId: errorRate.id, comparator: '<', value: 0.1, windowMinutes: 10, actor: people['product-owner'] })
    advanceTo(t.room, releaseId, 'validating')
    t.clock.advance(11 * MIN)
    expect(settle()).toBe(1)
    expect(outcomes()[0].result).toBe('not measured')
    const [entry] = call<TimelineEntry[]>(t.room, 'timeline.list', { releaseId, kinds: ['outcome.unmeasured'], limit: 1 })
    expect(entry.summary).toMatch(/^"Error rate stays low" could not be read at the end of validation: Error rate has no samples from .* Record it by hand\.$/)
  })

  it('refuses a link to another release’s signal, a missing criterion or the wrong role, writing nothing', () => {
    const other = call<{ id: string }>(t.room, 'releases.create', releaseInput({ title: 'Other' })).id
    const foreign = call<SignalView>(t.room, 'signals.add', { releaseId: other, signal: signal('Foreign', ''), actor: people['devops-lead'] })
    const po = people['product-owner']
    const before = footprint()
    expect(refusal('outcomes.signal.set', { releaseId, criterion: 0, signalId: foreign.id, comparator: '<', value: 1, actor: po }).message).toMatch(/This release has no signal with id/)
    expect(refusal('outcomes.signal.set', { releaseId, criterion: 7, signalId: errorRate.id, comparator: '<', value: 1, actor: po }).message).toMatch(/no criterion 7/)
    expect(refusal('outcomes.signal.set', { releaseId, criterion: 0, signalId: errorRate.id, comparator: '<', value: 1, actor: people.sre }).message).toMatch(/product owner or the accountable owner/)
    expect(refusal('outcomes.signal.set', { releaseId, criterion: 0, signalId: errorRate.id, comparator: '≈', value: 1, actor: po }).issues).toEqual([{ path: 'comparator', message: 'comparator must be one of: < <= > >=' }])
    expect(refusal('outcomes.signal.set', { releaseId, criterion: 0, signalId: errorRate.id, comparator: '<', value: 1, windowMinutes: 0, actor: po }).code).toBe('invalid_input')
    expect(footprint()).toEqual(before)
  })
})
