import { describe, expect, it } from 'vitest'
import {
  DEFAULT_PLANS,
  DEFAULT_ROLLOUT_TEMPLATE,
  canaryPlanSchema,
  rolloutPlanSchema,
  rolloutStateSchema,
  rolloutTemplateSchema,
  triggerTableSchema,
  DEFAULT_TRIGGERS
} from '../../../src/shared/rollout'
import { compilePlan, newRollout } from '../../../src/main/rollout/plan-compile'
import { formatDuration } from '../../../src/main/rollout/duration-text'

const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? []

describe('default plans', () => {
  it('are valid plans, and the rollout template is valid', () => {
    for (const plan of Object.values(DEFAULT_PLANS)) expect(rolloutPlanSchema.safeParse(plan).success).toBe(true)
    expect(rolloutTemplateSchema.safeParse(DEFAULT_ROLLOUT_TEMPLATE).success).toBe(true)
  })

  it('compile the canary to 5% → 25% → 50% → 100% with health gates', () => {
    expect(compilePlan(DEFAULT_PLANS.canary).map((s) => [s.trafficPercent, s.soakSeconds, s.gate])).toEqual([
      [5, 3600, 'health'],
      [25, 3600, 'health'],
      [50, 3600, 'health'],
      [100, 900, 'health']
    ])
  })

  it('compile rolling to batches of 2 of 10 instances, with the last batch short when M is not a multiple of N', () => {
    const steps = compilePlan(DEFAULT_PLANS.rolling)
    expect(steps.map((s) => s.label)).toEqual([
      'Batch 1: 2 of 10 instances',
      'Batch 2: 4 of 10 instances',
      'Batch 3: 6 of 10 instances',
      'Batch 4: 8 of 10 instances',
      'Batch 5: 10 of 10 instances'
    ])
    expect(steps[1].instances).toEqual({ updated: 4, total: 10 })
    const uneven = compilePlan({ strategy: 'rolling', instances: 5, batchSize: 2, soakSeconds: 60, gate: 'health' })
    expect(uneven.map((s) => s.instances?.updated)).toEqual([2, 4, 5])
  })

  it('compile blue-green to deploy, smoke test, switch, and the rollback window, which is marked as such', () => {
    const steps = compilePlan({
      ...DEFAULT_PLANS['blue-green'],
      actions: { switchTraffic: { url: 'https://lb.example.com/switch' } }
    })
    expect(steps.map((s) => [s.id, s.trafficPercent, s.soakSeconds, s.gate])).toEqual([
      ['deploy-green', 0, 0, 'none'],
      ['smoke-test', 0, 0, 'manual'],
      ['switch-traffic', 100, 600, 'health'],
      ['keep-blue', 100, 3600, 'none']
    ])
    expect(steps[2].action).toEqual({ url: 'https://lb.example.com/switch' })
    expect(steps[3]).toMatchObject({ label: 'Keep blue ready for the 60-minute rollback window', rollbackWindow: true })
    expect(compilePlan({ ...DEFAULT_PLANS['blue-green'], rollbackWindowMinutes: 0 })).toHaveLength(3)
  })

  it('compile big bang to take down, deploy, bring up and watch', () => {
    expect(compilePlan(DEFAULT_PLANS['big-bang']).map((s) => s.id)).toEqual(['take-down', 'deploy', 'bring-up', 'watch'])
    expect(compilePlan({ ...DEFAULT_PLANS['big-bang'], watchSeconds: 0 }).map((s) => s.id)).toEqual(['take-down', 'deploy', 'bring-up'])
    expect(compilePlan(DEFAULT_PLANS['big-bang'])[0].label).toBe('Start maintenance: take the service down (expected downtime 60 min)')
  })

  it('give a rollout with every step pending that the state schema accepts', () => {
    for (const plan of Object.values(DEFAULT_PLANS)) {
      const r = newRollout(plan)
      expect(r.status).toBe('not-started')
      expect(r.steps.every((s) => s.state === 'pending')).toBe(true)
      expect(rolloutStateSchema.safeParse(r).success).toBe(true)
    }
  })
})

describe('plan validation', () => {
  it('refuses a canary step that pauses indefinitely without a manual gate, a repeated id and a last step below 100%', () => {
    const r = canaryPlanSchema.safeParse({
      strategy: 'canary',
      steps: [
        { id: 'a', label: '10%', trafficPercent: 10, soakSeconds: null, gate: 'health' },
        { id: 'a', label: '50%', trafficPercent: 50, soakSeconds: 60, gate: 'health' }
      ]
    })
    expect(messages(r)).toEqual([
      'steps.0.gate: "10%" pauses indefinitely, so only a person can end it: its gate must be manual',
      'steps.1.id: step id "a" is used twice',
      'steps.1.trafficPercent: the last step sends 50% of traffic; end at 100%, or the rollout would complete with the new version only partly live'
    ])
  })

  it('refuses an action URL that is not http(s) or carries credentials', () => {
    const step = (url: string) => ({
      strategy: 'canary',
      steps: [{ id: 'a', label: 'All', trafficPercent: 100, soakSeconds: 0, gate: 'none', action: { url } }]
    })
    expect(messages(canaryPlanSchema.safeParse(step('ftp://x')))[0]).toMatch(/must be an http:\/\/ or https:\/\/ URL/)
    expect(messages(canaryPlanSchema.safeParse(step('https://u:p@cd.example.com/')))).toEqual([
      'steps.0.action.url: action.url must not contain a user name or password'
    ])
  })

  it('refuses a rolling batch larger than the fleet, and a big-bang downtime that does not fit its window', () => {
    expect(messages(rolloutPlanSchema.safeParse({ strategy: 'rolling', instances: 3, batchSize: 5, soakSeconds: 60 }))).toEqual([
      'batchSize: batchSize cannot be larger than the number of instances'
    ])
    const window = { start: '2026-01-25T02:00:00Z', end: '2026-01-25T04:00:00Z' }
    expect(messages(rolloutPlanSchema.safeParse({ strategy: 'big-bang', expectedDowntimeMinutes: 180, maintenanceWindow: window }))).toEqual([
      'expectedDowntimeMinutes: the expected downtime (180 min) does not fit in the 120-minute maintenance window'
    ])
    expect(
      messages(rolloutPlanSchema.safeParse({ strategy: 'big-bang', expectedDowntimeMinutes: 30, maintenanceWindow: { start: window.end, end: window.start } }))
    ).toEqual(['maintenanceWindow.end: the maintenance window must end after it starts'])
  })

  it('refuses a trigger table that leaves a severity out', () => {
    expect(messages(triggerTableSchema.safeParse(DEFAULT_TRIGGERS.slice(1)))).toEqual([': the trigger table needs exactly one rule for critical severity; it has 0'])
  })
})

describe('durations as people read them', () => {
  it('rounds up to the second and drops zero parts', () => {
    expect(formatDuration(0)).toBe('0s')
    expect(formatDuration(200)).toBe('1s')
    expect(formatDuration(45_000)).toBe('45s')
    expect(formatDuration(250_000)).toBe('4m 10s')
    expect(formatDuration(240_000)).toBe('4m')
    expect(formatDuration(3_900_000)).toBe('1h 5m')
    expect(formatDuration(7_200_000)).toBe('2h')
    expect(formatDuration(-5)).toBe('0s')
  })
})
