import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Room } from '../../../src/shared/room'
import type { SignalView } from '../../../src/shared/room-signals'
import { DEFAULT_UPDATE_TEMPLATES, UPDATE_STAGES } from '../../../src/shared/updates'
import { parseTemplate, renderTemplate } from '../../../src/shared/update-template'
import { testRoom, countRows } from '../../support/room'
import { releaseInput } from '../../support/fixtures'
import { advanceTo, call, people } from '../../support/advance'

let t: ReturnType<typeof testRoom>
beforeEach(() => (t = testRoom()))
afterEach(() => t.dispose())

const MINUTE = 60_000
const dana = people['devops-lead']
const get = (releaseId: string) => call<Room>(t.room, 'releases.get', { releaseId })
const text = (body: string, room: Room, now = t.clock.now()) => {
  const r = renderTemplate(body, room, now)
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join(' '))
  return r.text
}

function signal(name: string, state: SignalView['status']['state'], value?: number, unit = ''): SignalView {
  return {
    id: name,
    releaseId: 'r',
    definition: { name, unit } as SignalView['definition'],
    status: { signalId: name, state, value },
    breaching: false,
    createdAt: '2026-01-20T10:00:00Z'
  }
}

describe('parsing a template', () => {
  it('accepts every default template', () => {
    for (const stage of UPDATE_STAGES) expect(parseTemplate(DEFAULT_UPDATE_TEMPLATES[stage]).ok, stage).toBe(true)
  })

  it('names each unknown field, with the field that was probably meant', () => {
    const parsed = parseTemplate('{servise} {version} is live; {frobnicate}')
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^Unknown field \{servise\} at character 1\. Did you mean \{service\}\? Fields you can use: \{service\}, \{version\}/),
      expect.stringMatching(/^Unknown field \{frobnicate\} at character 30\. Fields you can use/)
    ])
  })

  it('refuses stray braces and reads doubled ones as literal braces', () => {
    const bad = parseTemplate('Deploying {service now } and {')
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.problems.map((p) => p.message)).toEqual([expect.stringMatching(/"\{service now \}" at character 11 is not a field name/), expect.stringMatching(/The "\{" at character 30 is not closed/)])
    const good = parseTemplate('{{literal}} {service}}}')
    expect(good).toEqual({ ok: true, parts: [{ text: '{literal} ' }, { field: 'service' }, { text: '}' }] })
  })
})

describe('rendering from the room', () => {
  it('fills the scheduled update from the release, with the window in UTC and the time until it', () => {
    const id = call<{ id: string }>(t.room, 'releases.create', releaseInput()).id
    expect(text(DEFAULT_UPDATE_TEMPLATES.scheduled, get(id))).toBe(
      'checkout 2.6.0 is scheduled for production: Tue 20 Jan 2026, 14:00–16:00 UTC. What to expect: no downtime expected. Accountable owner: Dana Okafor.'
    )
    expect(text('{startsIn}', get(id))).toBe('in 4 h')
    expect(text('{startsIn}', get(id), Date.parse('2026-01-20T14:20:00Z'))).toBe('now (the window opened 20 min ago)')
  })

  it('says where the canary is and how far its soak has gone, minute by minute', () => {
    const id = call<{ id: string }>(t.room, 'releases.create', releaseInput()).id
    call(t.room, 'rollout.plan.set', {
      releaseId: id,
      plan: {
        strategy: 'canary',
        steps: [
          { id: 'canary-5', label: '5% of traffic', trafficPercent: 5, soakSeconds: 600, gate: 'health' },
          { id: 'canary-25', label: '25% of traffic', trafficPercent: 25, soakSeconds: 1800, gate: 'health' },
          { id: 'canary-100', label: '100% of traffic', trafficPercent: 100, soakSeconds: 600, gate: 'health' }
        ]
      },
      actor: dana
    })
    advanceTo(t.room, id, 'production')
    expect(text('{rollout}', get(id))).toBe('not started yet (3 steps planned)')
    call(t.room, 'rollout.start', { releaseId: id, actor: dana })
    call(t.room, 'rollout.advance', { releaseId: id, override: { rationale: 'Dashboards flat, moving on' }, actor: dana })
    const room = get(id)
    expect(text('{rollout}', room, t.clock.now() + 12 * MINUTE + 59_000)).toBe('canary at 25%, soak 12 of 30 min')
    expect(text('{rollout}', room, t.clock.now() + 45 * MINUTE)).toBe('canary at 25%, soak 30 of 30 min')
    call(t.room, 'rollout.hold', { releaseId: id, reason: 'p95 creeping up', actor: dana })
    expect(text('{rollout}', get(id))).toBe('held at canary at 25%: p95 creeping up')
  })

  it('says all signals are green, or names each one that is not, worst first, with its value', () => {
    const id = call<{ id: string }>(t.room, 'releases.create', releaseInput()).id
    const room = get(id)
    expect(text('{signals}', room)).toBe('no signals watched')
    expect(text('{signals}', { ...room, signals: [signal('error rate', 'ok', 0.01, '%'), signal('p95 latency', 'ok', 120, 'ms')] })).toBe('all signals green')
    expect(
      text('{signals}', {
        ...room,
        signals: [signal('error rate', 'warn', 0.4, '%'), signal('p95 latency', 'critical', 912.4, 'ms'), signal('apdex', 'ok', 0.97), signal('queue depth', 'stale', 3)]
      })
    ).toBe('p95 latency critical (912 ms), error rate warn (0.4 %), queue depth not reporting')
  })

  it('lists open incidents, most severe first, and says when there are none', () => {
    const id = call<{ id: string }>(t.room, 'releases.create', releaseInput()).id
    expect(text('{incidents}', get(id))).toBe('no open incidents')
    call(t.room, 'incidents.open', { releaseId: id, severity: 'medium', summary: 'Slow cart page for some users', actor: dana })
    call(t.room, 'incidents.open', { releaseId: id, severity: 'high', summary: 'Payment errors at 25%', actor: dana })
    expect(text('{incidents}', get(id))).toBe('2 open incidents (high: Payment errors at 25%; medium: Slow cart page for some users)')
  })

  it('names the same service’s next planned release', () => {
    const id = call<{ id: string }>(t.room, 'releases.create', releaseInput()).id
    expect(text('{nextRelease}', get(id))).toBe('not planned yet')
    call(t.room, 'releases.create', releaseInput({ title: 'Checkout 2.7', version: '2.7.0', windowStart: '2026-02-03T09:00:00Z', windowEnd: '2026-02-03T10:00:00Z' }))
    call(t.room, 'releases.create', releaseInput({ service: 'search', title: 'Search 9', version: '9.0.0', windowStart: '2026-01-25T09:00:00Z', windowEnd: undefined }))
    expect(text('Next release: {nextRelease}.', get(id))).toBe('Next release: Checkout 2.7 (2.7.0), on Tue 3 Feb 2026, 09:00 UTC.')
  })

  it('renders every default template against a live room without leaving a brace', () => {
    const id = call<{ id: string }>(t.room, 'releases.create', releaseInput()).id
    for (const stage of UPDATE_STAGES) expect(text(DEFAULT_UPDATE_TEMPLATES[stage], get(id))).not.toMatch(/[{}]/)
  })
})

describe('saving a template', () => {
  it('refuses an unknown field with the field named, and writes nothing', () => {
    const id = call<{ id: string }>(t.room, 'releases.create', releaseInput()).id
    const before = countRows(t.room, 'timeline')
    const out = t.room.dispatch('updates.templates.set', { releaseId: id, stage: 'scheduled', body: 'Deploying {service} {verison}', actor: dana })
    expect(out.ok).toBe(false)
    if (out.ok) return
    expect(out.error.code).toBe('invalid_input')
    expect(out.error.message).toMatch(/Unknown field \{verison\} at character 21\. Did you mean \{version\}\?/)
    expect(countRows(t.room, 'update_templates')).toBe(0)
    expect(countRows(t.room, 'timeline')).toBe(before)
  })

  it('keeps an edited template for its release and records the edit; reset brings the default back', () => {
    const id = call<{ id: string }>(t.room, 'releases.create', releaseInput()).id
    const saved = call<{ custom: boolean; body: string }>(t.room, 'updates.templates.set', { releaseId: id, stage: 'scheduled', body: 'Heads up: {service} {version}, {window}.', actor: people['product-owner'] })
    expect(saved).toMatchObject({ custom: true, body: 'Heads up: {service} {version}, {window}.' })
    expect(get(id).updates.templates.find((x) => x.stage === 'scheduled')).toMatchObject({ custom: true, updatedBy: people['product-owner'] })
    const refused = t.room.dispatch('updates.templates.set', { releaseId: id, stage: 'scheduled', body: 'x {service}', actor: people.sre })
    expect(refused.ok || refused.error.message).toMatch(/Only the DevOps lead, the product owner, the project manager or the accountable owner \(Dana Okafor\)/)
    call(t.room, 'updates.templates.reset', { releaseId: id, stage: 'scheduled', actor: dana })
    expect(get(id).updates.templates.find((x) => x.stage === 'scheduled')).toMatchObject({ custom: false, body: DEFAULT_UPDATE_TEMPLATES.scheduled })
    const kinds = call<{ kind: string }[]>(t.room, 'timeline.list', { releaseId: id, limit: 10 }).map((e) => e.kind)
    expect(kinds.slice(0, 2)).toEqual(['update.template-reset', 'update.template-set'])
  })
})

describe('previewing through the API', () => {
  it('renders the suggested stage by default, and a draft without saving it', () => {
    const id = call<{ id: string }>(t.room, 'releases.create', releaseInput()).id
    const suggested = call<{ stage: string; text: string; suggested: { stage: string } }>(t.room, 'updates.preview', { releaseId: id })
    expect(suggested).toMatchObject({ stage: 'production-imminent', suggested: { stage: 'production-imminent', reason: 'the window opens within 24 hours' } })
    expect(suggested.text).toBe('checkout 2.6.0 goes to production in 4 h (Tue 20 Jan 2026, 14:00–16:00 UTC). What to expect: no downtime expected. We will post here when it starts.')
    const draft = call<{ text: string }>(t.room, 'updates.preview', { releaseId: id, stage: 'scheduled', body: 'Draft for {owner}' })
    expect(draft.text).toBe('Draft for Dana Okafor')
    expect(countRows(t.room, 'update_templates')).toBe(0)
  })
})
