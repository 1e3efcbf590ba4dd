import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DomainEvent } from '../../src/shared/events'
import { createDispatch } from '../../src/main/api/dispatch'
import { EventBus } from '../../src/main/api/event-bus'
import { handlers } from '../../src/main/api/handlers'
import { RuleViolation } from '../../src/main/api/domain-error'
import { createStores } from '../../src/main/api/stores'
import { countRows, testRoom } from '../support/room'
import { releaseInput } from '../support/fixtures'

let t: ReturnType<typeof testRoom>
let events: DomainEvent[]
beforeEach(() => {
  t = testRoom()
  events = []
  t.room.bus.subscribe((e) => events.push(e))
})
afterEach(() => t.dispose())

describe('dispatch', () => {
  it('creates a release in planning, stamped with the actor and the clock, and announces it', () => {
    const out = t.room.dispatch('releases.create', releaseInput())
    expect(out.ok).toBe(true)
    if (!out.ok) return
    expect(out.value).toMatchObject({
      status: 'planning',
      environment: 'production',
      createdBy: { name: 'Dana Okafor', role: 'devops-lead' },
      createdAt: new Date(t.clock.now()).toISOString(),
      windowStart: '2026-01-20T14:00:00.000Z'
    })
    expect(events.map((e) => e.type)).toEqual(['timeline.appended', 'release.created'])
  })

  it('answers unknown_method for a name outside the contract, before looking at input', () => {
    const out = t.room.dispatch('releases.delete', { anything: 1 })
    expect(out).toEqual({ ok: false, error: { code: 'unknown_method', message: expect.stringContaining('releases.delete') } })
  })

  it('refuses invalid input naming each field, and writes and announces nothing', () => {
    const out = t.room.dispatch('releases.create', { ...releaseInput(), title: '  ', strategy: 'yolo', actor: { name: 'x', role: 'ceo' } })
    expect(out.ok).toBe(false)
    if (out.ok) return
    expect(out.error.code).toBe('invalid_input')
    expect(out.error.issues?.map((i) => i.path).sort()).toEqual(['actor.role', 'strategy', 'title'])
    expect(out.error.message).toMatch(/Title is required/)
    expect(countRows(t.room, 'releases')).toBe(0)
    expect(events).toEqual([])
  })

  it('refuses a window that ends before it starts', () => {
    const out = t.room.dispatch('releases.create', releaseInput({ windowStart: '2026-01-20T16:00:00Z', windowEnd: '2026-01-20T14:00:00Z' }))
    expect(out.ok || out.error.issues).toEqual([{ path: 'windowEnd', message: 'The window must end after it starts' }])
  })

  it('refuses fields the contract does not name, so a typo is not silently dropped', () => {
    const out = t.room.dispatch('releases.create', { ...releaseInput(), titel: 'typo' })
    expect(out.ok).toBe(false)
  })

  it('answers not_found for a release that does not exist', () => {
    const out = t.room.dispatch('releases.get', { releaseId: 'nope' })
    expect(out.ok || out.error.code).toBe('not_found')
  })

  it('rolls back everything a mutating handler wrote when it refuses, and announces nothing', () => {
    const bus = new EventBus(t.clock)
    const seen: DomainEvent[] = []
    bus.subscribe((e) => seen.push(e))
    const dispatch = createDispatch({ db: t.room.db, clock: t.clock, ...createStores(t.room.db) }, bus, {
      ...handlers,
      'releases.create': (input, ctx) => {
        handlers['releases.create'](input, ctx) // writes the release, its checklist and a timeline entry
        throw new RuleViolation('Refused after writing: the write must not survive.')
      }
    })
    const out = dispatch('releases.create', releaseInput())
    expect(out).toEqual({ ok: false, error: { code: 'rule_violation', message: 'Refused after writing: the write must not survive.' } })
    for (const table of ['releases', 'checklist_items', 'timeline']) expect(countRows(t.room, table)).toBe(0)
    expect(seen).toEqual([])
  })

  it('answers a bug as internal, without leaking its text, and saves nothing', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const dispatch = createDispatch({ db: t.room.db, clock: t.clock, ...createStores(t.room.db) }, t.room.bus, {
      ...handlers,
      'releases.list': () => {
        throw new TypeError('secret stack detail')
      }
    })
    const out = dispatch('releases.list', {})
    expect(out.ok || out.error.code).toBe('internal')
    expect(JSON.stringify(out)).not.toContain('secret stack detail')
    expect(logged).toHaveBeenCalledWith('releases.list failed', expect.any(TypeError))
    logged.mockRestore()
  })

  it('lists newest first', () => {
    t.room.dispatch('releases.create', releaseInput({ title: 'first' }))
    t.clock.advance(60_000)
    t.room.dispatch('releases.create', releaseInput({ title: 'second' }))
    const out = t.room.dispatch('releases.list', {})
    expect(out.ok && (out.value as { title: string }[]).map((r) => r.title)).toEqual(['second', 'first'])
  })
})
