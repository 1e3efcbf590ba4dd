import { z } from 'zod'
import { actorSchema } from './roles'
import { DEMO_FAULT_NAMES, signalDefinitionSchema, type Sample } from './signal'
import type { CanaryPairView, DemoView, SignalView } from './room-signals'
import { id, optionalText, releaseId, type MethodSpec } from './api-fields'

const signalId = id('signalId')
const epochMs = z.number({ error: 'use epoch milliseconds' }).int('use whole epoch milliseconds').min(0)

/** Signals on a release and their samples (issue: live health). */
export const signalsApi = {
  'signals.add': { input: z.object({ releaseId, signal: signalDefinitionSchema, actor: actorSchema }).strict(), mutates: true },
  /** Replaces the whole definition: a form sends every field, so a field left out is a field removed. */
  'signals.update': {
    input: z.object({ signalId, signal: signalDefinitionSchema, actor: actorSchema }).strict(),
    mutates: true
  },
  'signals.remove': {
    input: z.object({ signalId, reason: optionalText('Reason', 1000), actor: actorSchema }).strict(),
    mutates: true
  },
  'signals.samples': {
    input: z
      .object({
        signalId,
        from: epochMs.optional(),
        to: epochMs.optional(),
        /** About the panel's width in pixels: more points than that cannot be drawn apart. */
        maxPoints: z.number().int().min(2, 'maxPoints is at least 2').max(20_000, 'maxPoints is at most 20000').default(2000)
      })
      .strict()
      .refine((r) => r.from === undefined || r.to === undefined || r.from <= r.to, { message: 'from must not be after to', path: ['to'] }),
    mutates: false
  },
  'signals.canary': {
    input: z.object({ releaseId, from: epochMs.optional(), to: epochMs.optional() }).strict(),
    mutates: false
  },
  /** The demo release only: steer its simulated service (the "inject fault" control). */
  'signals.demo': {
    input: z
      .object({
        releaseId,
        fault: z.enum(DEMO_FAULT_NAMES, { error: `fault must be one of: ${DEMO_FAULT_NAMES.join(', ')}` }),
        actor: actorSchema
      })
      .strict(),
    mutates: true
  }
} as const satisfies Record<string, MethodSpec>

export interface SamplesAnswer {
  signalId: string
  from: number
  to: number
  /** Oldest first. When `decimated`, each bucket of time keeps its lowest and highest reading, so spikes survive. */
  points: Sample[]
  decimated: boolean
  /** How many readings the range holds before decimation (a rolled-up minute counts every reading it summarizes). */
  total: number
}

export interface SignalResults {
  'signals.add': SignalView
  'signals.update': SignalView
  'signals.remove': { signalId: string; removed: true }
  'signals.samples': SamplesAnswer
  'signals.canary': CanaryPairView[]
  'signals.demo': DemoView
}
