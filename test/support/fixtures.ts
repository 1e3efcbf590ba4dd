import type { Input } from '../../src/shared/api'

export const lead = { name: 'Dana Okafor', role: 'devops-lead' } as const
export const po = { name: 'Priya Raman', role: 'product-owner' } as const

export function releaseInput(overrides: Partial<Input<'releases.create'>> = {}): Input<'releases.create'> {
  return {
    title: 'Checkout 2.6: saved carts',
    service: 'checkout',
    version: '2.6.0',
    strategy: 'canary',
    owner: 'Dana Okafor',
    windowStart: '2026-01-20T14:00:00Z',
    windowEnd: '2026-01-20T16:00:00Z',
    actor: lead,
    ...overrides
  }
}
