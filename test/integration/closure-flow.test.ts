import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Room } from '../../src/shared/room'
import { testRoom } from '../support/room'
import { releaseInput } from '../support/fixtures'
import { advanceTo, call, people } from '../support/advance'

let t: ReturnType<typeof testRoom>
let releaseId: string
beforeEach(() => {
  t = testRoom()
  releaseId = call<{ id: string }>(t.room, 'releases.create', {
    ...releaseInput(),
    successCriteria: [{ description: 'Saved-cart conversion holds', target: '≥ 3.1%' }, { description: 'No rise in support tickets' }]
  }).id
})
afterEach(() => t.dispose())

const refusal = (method: string, input: unknown) => {
  const out = t.room.dispatch(method, input)
  return out.ok ? undefined : out.error.message
}

describe('release notes', () => {
  it('are written by the tech lead, product owner or owner, and each edit is on the timeline', () => {
    const notes = { whatsNew: '- Saved carts survive a logout', fixes: '- Fixed coupon rounding', knownIssues: '', upgrade: 'No action required.' }
    expect(refusal('releases.notes.set', { releaseId, notes, actor: people.sre })).toMatch(/written by the tech lead, the product owner or the accountable owner/)
    const saved = call<{ whatsNew: string; updatedBy: { name: string } }>(t.room, 'releases.notes.set', { releaseId, notes, actor: people['product-owner'] })
    expect(saved).toMatchObject({ whatsNew: '- Saved carts survive a logout', updatedBy: { name: 'Priya Raman' } })
    expect(call<Room>(t.room, 'releases.get', { releaseId }).releaseNotes.fixes).toBe('- Fixed coupon rounding')
    const [latest] = call<{ kind: string; summary: string }[]>(t.room, 'timeline.list', { releaseId, limit: 1 })
    expect(latest).toMatchObject({ kind: 'release.notes-edited', summary: 'Edited the release notes (whatsNew, fixes, upgrade)' })
  })
})

describe('outcomes', () => {
  it('are measured once the release is live, by the product owner, the latest measurement counting', () => {
    expect(refusal('outcomes.record', { releaseId, criterion: 0, result: 'met', actor: people['product-owner'] })).toMatch(/measured once the release is live/)
    advanceTo(t.room, releaseId, 'production')
    expect(refusal('outcomes.record', { releaseId, criterion: 0, result: 'met', actor: people.sre })).toMatch(/recorded by the product owner or the accountable owner/)
    expect(refusal('outcomes.record', { releaseId, criterion: 5, result: 'met', actor: people['product-owner'] })).toMatch(/no criterion 5/)

    call(t.room, 'outcomes.record', { releaseId, criterion: 0, result: 'missed', measured: '2.9%', actor: people['product-owner'] })
    call(t.room, 'outcomes.record', { releaseId, criterion: 0, result: 'met', measured: '3.2%', note: 'after the cache warmed', actor: people['product-owner'] })
    const { outcomes } = call<Room>(t.room, 'releases.get', { releaseId })
    expect(outcomes).toEqual([
      expect.objectContaining({ criterion: 0, result: 'met', measured: '3.2%', target: '≥ 3.1%', by: { name: 'Priya Raman', role: 'product-owner' } }),
      expect.objectContaining({ criterion: 1, result: 'not measured', measured: null })
    ])
    const kinds = call<{ kind: string; summary: string }[]>(t.room, 'timeline.list', { releaseId, kinds: ['outcome.recorded'] })
    expect(kinds.map((e) => e.summary)).toEqual(['"Saved-cart conversion holds" met: 3.2% (target ≥ 3.1%)', '"Saved-cart conversion holds" missed: 2.9% (target ≥ 3.1%)'])
  })
})
