import type { Actor } from '../../../src/shared/roles'
import type { Transition } from '../../../src/main/rollout/rollout-machine'

export const T0 = Date.parse('2026-01-20T10:00:00Z')
export const SECOND = 1000
export const MINUTE = 60 * SECOND

export const dana: Actor = { name: 'Dana Okafor', role: 'devops-lead' }
export const sam: Actor = { name: 'Sam Lee', role: 'sre' }
export const priya: Actor = { name: 'Priya Raman', role: 'product-owner' }
export const olu: Actor = { name: 'Olu Ade', role: 'observer' }

export function accepted(t: Transition): Extract<Transition, { ok: true }> {
  if (!t.ok) throw new Error(`expected the transition to be accepted, but it was refused: ${t.reasons.join(' | ')}`)
  return t
}

export function refusal(t: { ok: boolean; reasons?: string[] }): string[] {
  if (t.ok || !t.reasons) throw new Error('expected a refusal, but the transition was accepted')
  return t.reasons
}
