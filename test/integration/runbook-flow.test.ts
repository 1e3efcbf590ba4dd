import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import type { Room } from '../../src/shared/room'
import type { Actor } from '../../src/shared/roles'
import { countRows, testRoom } from '../support/room'
import { releaseInput } from '../support/fixtures'

let t: ReturnType<typeof testRoom>
beforeEach(() => {
  t = testRoom()
})
afterEach(() => t.dispose())

const dana: Actor = { name: 'Dana Okafor', role: 'devops-lead' }
const people: Record<string, Actor> = {
  'devops-lead': dana,
  sre: { name: 'Sam Lee', role: 'sre' },
  'security-lead': { name: 'Ana Costa', role: 'security-lead' },
  'qa-lead': { name: 'Lee Park', role: 'qa-lead' },
  'product-owner': { name: 'Priya Raman', role: 'product-owner' },
  'tech-lead': { name: 'Tomas Berg', role: 'tech-lead' }
}

function call<T>(method: string, input: unknown): T {
  const out = t.room.dispatch(method, input)
  if (!out.ok) throw Object.assign(new Error(out.error.message), { error: out.error })
  return out.value as T
}
function refusal(method: string, input: unknown) {
  const out = t.room.dispatch(method, input)
  if (out.ok) throw new Error(`${method} was accepted`)
  return out.error
}

describe('a release through its first gate', () => {
  it('refuses to advance naming open items and votes, then advances once owners tick and approvers vote go', () => {
    const { id } = call<{ id: string }>('releases.create', releaseInput())
    let room = call<Room>('releases.get', { releaseId: id })
    expect(room.gates[0]).toMatchObject({ id: 'ready', position: 'next', satisfied: false })

    call('decisions.vote', { releaseId: id, gate: 'ready', verdict: 'go', rationale: 'Schedule works for support', actor: people['product-owner'] })
    const refused = refusal('releases.advance', { releaseId: id, actor: dana })
    expect(refused.code).toBe('rule_violation')
    expect(refused.message).toMatch(/^Cannot move to ready: 16 required items not done: .*Backups verified by a test restore \(SRE\)/)
    expect(refused.message).toMatch(/Waiting for a go vote from DevOps lead, SRE, Security lead and QA lead/)
    const timelineBefore = countRows(t.room, 'timeline')

    room = call<Room>('releases.get', { releaseId: id })
    const readyPhases = ['strategy', 'pre-deployment']
    for (const item of room.checklist.filter((i) => readyPhases.includes(i.phase))) {
      const owner = people[item.ownerRole]
      if (item.key === 'compliance-check') {
        call('checklist.set', { releaseId: id, itemId: item.id, status: 'waived', note: 'No regulated data in this change', actor: owner })
      } else {
        call('checklist.set', { releaseId: id, itemId: item.id, status: 'done', evidence: `https://ci.example/${item.key}`, actor: owner })
      }
    }
    for (const role of ['devops-lead', 'sre', 'security-lead', 'qa-lead']) {
      call('decisions.vote', { releaseId: id, gate: 'ready', verdict: 'go', rationale: `${role} ready`, actor: people[role] })
    }
    room = call<Room>('releases.advance', { releaseId: id, actor: dana })
    expect(room.release.status).toBe('ready')
    expect(room.gates[0].position).toBe('passed')
    expect(countRows(t.room, 'timeline')).toBeGreaterThan(timelineBefore + 16)

    const entries = call<{ kind: string; seq: number }[]>('timeline.list', { releaseId: id, limit: 5000 })
    expect(entries[0].kind).toBe('release.stage-changed')
    expect(entries[entries.length - 1].kind).toBe('release.created')
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((a, b) => b - a))
    expect(call('timeline.verify', { releaseId: id })).toMatchObject({ ok: true, count: entries.length })
  })

  it('keeps a changed vote as a new row that supersedes the old one, with what the voter saw', () => {
    const { id } = call<{ id: string }>('releases.create', releaseInput())
    const sam = people.sre
    const first = call<{ id: string }>('decisions.vote', { releaseId: id, gate: 'ready', verdict: 'no-go', rationale: 'No restore test yet', actor: sam })
    const second = call<{ id: string; supersedes: string; snapshot: { openItems: unknown[] } }>('decisions.vote', {
      releaseId: id,
      gate: 'ready',
      verdict: 'go',
      rationale: 'Restore tested',
      actor: sam
    })
    expect(second.supersedes).toBe(first.id)
    expect(second.snapshot.openItems.length).toBeGreaterThan(0)
    const room = call<Room>('releases.get', { releaseId: id })
    expect(room.votes.map((v) => [v.verdict, v.supersededBy])).toEqual([
      ['no-go', second.id],
      ['go', null]
    ])
    expect(room.gates[0].approvals.find((a) => a.role === 'sre')?.verdict).toBe('go')
  })

  it('refuses a waiver of a required item from someone who does not own it, and writes nothing', () => {
    const { id } = call<{ id: string }>('releases.create', releaseInput())
    const item = call<Room>('releases.get', { releaseId: id }).checklist.find((i) => i.key === 'backups-verified')!
    const before = countRows(t.room, 'timeline')
    const error = refusal('checklist.set', { releaseId: id, itemId: item.id, status: 'waived', note: 'in a hurry', actor: { name: 'Lee Park', role: 'devops-lead' } })
    expect(error.message).toMatch(/only the SRE or the accountable owner \(Dana Okafor\) can waive it/)
    expect(countRows(t.room, 'timeline')).toBe(before)
  })

  it('names the altered row when the timeline is changed directly in the SQLite file', () => {
    const { id } = call<{ id: string }>('releases.create', releaseInput())
    for (const text of ['Bridge call open', 'Waiting on DBA', 'DBA confirmed']) call('notes.add', { releaseId: id, text, actor: people.sre })
    expect(call('timeline.verify', { releaseId: id })).toMatchObject({ ok: true, count: 4 })

    const raw = new Database(t.dbPath)
    raw.exec('DROP TRIGGER timeline_append_only_update')
    raw.prepare("UPDATE timeline SET summary = 'DBA never confirmed' WHERE release_id = ? AND seq = 3").run(id)
    raw.close()

    expect(call('timeline.verify', { releaseId: id })).toEqual({
      ok: false,
      count: 3,
      firstBad: { seq: 3, id: expect.any(Number), reason: 'entry #3 was changed after it was written' }
    })
  })

  it('lets the runbook change only in planning, and only by the DevOps lead or the owner', () => {
    const { id } = call<{ id: string }>('releases.create', releaseInput())
    const added = call<{ id: string; title: string }>('checklist.add', {
      releaseId: id,
      item: { phase: 'pre-deployment', title: 'Feature flag defaults reviewed', ownerRole: 'tech-lead' },
      actor: dana
    })
    expect(added.title).toBe('Feature flag defaults reviewed')
    expect(refusal('checklist.add', { releaseId: id, item: { phase: 'staging', title: 'x', ownerRole: 'sre' }, actor: people.sre }).message).toMatch(
      /Only the DevOps lead or the accountable owner/
    )
    const imported = call<unknown[]>('checklist.import', { releaseId: id, markdown: '- [ ] Cache warmed @sre\n- [ ] Docs linked @tech-lead (optional)', actor: dana })
    expect(imported).toHaveLength(2)
    const ids = call<Room>('releases.get', { releaseId: id }).checklist.map((i) => i.id)
    const reordered = call<{ id: string }[]>('checklist.reorder', { releaseId: id, itemIds: [...ids].reverse(), actor: dana })
    expect(reordered.map((i) => i.id)).toEqual([...ids].reverse())
    expect(refusal('checklist.reorder', { releaseId: id, itemIds: ids.slice(1), actor: dana }).message).toMatch(/every item of this checklist exactly once/)

    call('releases.abort', { releaseId: id, reason: 'Vendor outage', actor: dana })
    expect(refusal('checklist.add', { releaseId: id, item: { phase: 'staging', title: 'x', ownerRole: 'sre' }, actor: dana }).message).toMatch(/only be changed while the release is in planning/)
    expect(call<Room>('releases.get', { releaseId: id }).release).toMatchObject({ status: 'aborted', endedReason: 'Vendor outage' })
  })

  it('imports a YAML template and creates a release from it; a malformed one saves nothing', () => {
    const exported = call<{ content: string }>('templates.export', { templateId: 'builtin-rolling', format: 'yaml' })
    const renamed = exported.content.replace('name: Rolling release', 'name: Our rolling runbook')
    const summary = call<{ id: string; name: string }>('templates.import', { format: 'yaml', content: renamed, actor: dana })
    expect(summary.id).toMatch(/^builtin-rolling-[0-9a-f]{6}$/)
    const release = call<{ templateId: string }>('releases.create', releaseInput({ strategy: 'rolling', templateId: summary.id }))
    expect(release.templateId).toBe(summary.id)

    const before = countRows(t.room, 'templates')
    const error = refusal('templates.import', { format: 'yaml', content: renamed.replace('phase: staging', 'phase: somewhere'), actor: dana })
    expect(error.code).toBe('invalid_input')
    expect(error.issues?.[0].path).toMatch(/^items\.\d+\.phase \(line \d+\)$/)
    expect(countRows(t.room, 'templates')).toBe(before)
  })

  it('exports the timeline as CSV and JSON', () => {
    const { id } = call<{ id: string }>('releases.create', releaseInput())
    call('notes.add', { releaseId: id, text: 'Go/no-go at 14:00', actor: { name: 'Obi', role: 'observer' } })
    const csv = call<{ content: string; filename: string }>('timeline.export', { releaseId: id, format: 'csv' })
    expect(csv.filename).toBe(`timeline-${id}.csv`)
    expect(csv.content.trim().split('\r\n')).toHaveLength(3)
    const json = JSON.parse(call<{ content: string }>('timeline.export', { releaseId: id, format: 'json' }).content)
    expect(json.entries.map((e: { summary: string }) => e.summary)[1]).toBe('Go/no-go at 14:00')
  })
})
