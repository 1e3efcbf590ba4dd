import { describe, expect, it } from 'vitest'
import { DEFAULT_PLANS } from '../../src/shared/rollout'
import { fieldValuesOf, planFromFields } from '../../src/renderer/src/rollout/plan-fields'

describe('plan fields for blue-green, rolling and big-bang', () => {
  it('shows each default plan as field text and makes the same plan back', () => {
    for (const plan of [DEFAULT_PLANS['blue-green'], DEFAULT_PLANS.rolling, DEFAULT_PLANS['big-bang']]) {
      const values = fieldValuesOf(plan)
      expect(planFromFields(plan.strategy, values)).toEqual({ ok: true, plan })
    }
  })

  it('reads a rolling plan with a batch action from the fields', () => {
    const values = { ...fieldValuesOf(DEFAULT_PLANS.rolling), instances: '12', batchSize: '3', 'action.url': 'https://deploy.example.com/next' }
    const result = planFromFields('rolling', values)
    expect(result).toEqual({
      ok: true,
      plan: { strategy: 'rolling', instances: 12, batchSize: 3, soakSeconds: 300, gate: 'health', action: { url: 'https://deploy.example.com/next' } }
    })
  })

  it('names the field, by its label, when a number is not a number', () => {
    const values = { ...fieldValuesOf(DEFAULT_PLANS['blue-green']), rollbackWindowMinutes: 'an hour' }
    expect(planFromFields('blue-green', values)).toEqual({ ok: false, errors: ['Keep blue ready for: "an hour" is not a number'] })
  })

  it('passes the host schema’s own rule back under the field it is about', () => {
    const values = { ...fieldValuesOf(DEFAULT_PLANS.rolling), instances: '4', batchSize: '6' }
    expect(planFromFields('rolling', values)).toEqual({ ok: false, errors: ['Batch size: batchSize cannot be larger than the number of instances'] })
  })

  it('refuses half a maintenance window, and checks a whole one against the downtime', () => {
    const base = fieldValuesOf(DEFAULT_PLANS['big-bang'])
    const half = planFromFields('big-bang', { ...base, 'maintenanceWindow.start': '2026-01-25T02:00:00Z' })
    expect(half).toEqual({ ok: false, errors: ['Maintenance window: give both its start and its end, or neither'] })

    const tooShort = planFromFields('big-bang', {
      ...base,
      'maintenanceWindow.start': '2026-01-25T02:00:00Z',
      'maintenanceWindow.end': '2026-01-25T02:30:00Z'
    })
    expect(tooShort.ok).toBe(false)
    if (!tooShort.ok) expect(tooShort.errors[0]).toMatch(/^Expected downtime: the expected downtime \(60 min\) does not fit/)
  })

  it('leaves an emptied URL out of the plan rather than sending an empty one', () => {
    const values = { ...fieldValuesOf(DEFAULT_PLANS['blue-green']), 'actions.deployGreen.url': '  ' }
    const result = planFromFields('blue-green', values)
    expect(result.ok && 'actions' in result.plan).toBe(false)
  })
})
