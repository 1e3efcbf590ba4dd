import { describe, expect, it } from 'vitest'
import type { TimelineEntry } from '../../../src/shared/timeline'
import { GENESIS_HASH, rowHash, verifyChain } from '../../../src/main/timeline/timeline-chain'
import { canonicalJson } from '../../../src/main/timeline/canonical-json'
import { timelineCsv } from '../../../src/main/timeline/timeline-export'

function chain(n: number): TimelineEntry[] {
  const rows: TimelineEntry[] = []
  let prev = GENESIS_HASH
  for (let seq = 1; seq <= n; seq++) {
    const row = { releaseId: 'r', seq, at: `2026-01-20T10:00:0${seq}Z`, kind: 'note' as const, actor: { name: 'Sam', role: 'sre' as const }, summary: `note ${seq}`, data: { b: 1, a: [seq] } }
    const hash = rowHash(prev, row)
    rows.push({ ...row, id: seq * 10, prevHash: prev, hash })
    prev = hash
  }
  return rows
}

describe('canonical JSON', () => {
  it('sorts keys at every depth so field order never changes a hash', () => {
    expect(canonicalJson({ b: { d: 1, c: [2, { f: 1, e: 2 }] }, a: null })).toBe('{"a":null,"b":{"c":[2,{"e":2,"f":1}],"d":1}}')
    expect(() => canonicalJson({ x: NaN })).toThrow()
  })
})

describe('timeline hash chain', () => {
  it('verifies an intact chain and reports its head', () => {
    const rows = chain(5)
    expect(verifyChain(rows)).toEqual({ ok: true, count: 5, headHash: rows[4].hash })
  })

  it('names the first row whose content was changed', () => {
    const rows = chain(5)
    rows[2] = { ...rows[2], summary: 'rewritten history' }
    expect(verifyChain(rows)).toEqual({ ok: false, count: 3, firstBad: { seq: 3, id: 30, reason: 'entry #3 was changed after it was written' } })
  })

  it('names a removed row and a row whose hash was recomputed to hide an edit', () => {
    const removed = chain(5)
    removed.splice(1, 1)
    expect(verifyChain(removed)).toMatchObject({ ok: false, firstBad: { seq: 3, reason: expect.stringMatching(/removed or reordered/) } })

    const rehashed = chain(5)
    const edited = { ...rehashed[1], summary: 'forged' }
    rehashed[1] = { ...edited, hash: rowHash(edited.prevHash, edited) }
    expect(verifyChain(rehashed)).toMatchObject({ ok: false, firstBad: { seq: 3, reason: 'entry #3 does not link to the entry before it' } })
  })

  it('exports CSV that a spreadsheet will not run as a formula', () => {
    const rows = chain(1)
    rows[0] = { ...rows[0], summary: '=HYPERLINK("x"), with "quotes"' }
    const csv = timelineCsv(rows)
    expect(csv.split('\r\n')[0]).toBe('seq,at,kind,actor,role,summary,data,prev_hash,hash')
    expect(csv).toContain(`"'=HYPERLINK(""x""), with ""quotes"""`)
  })
})
