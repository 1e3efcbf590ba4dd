import { z } from 'zod'
import { actorSchema } from './roles'
import { id, optionalText, releaseId, text, type MethodSpec } from './api-fields'
import { rolloutPlanSchema, severitySchema, type RollbackProcedure } from './rollout'
import type { IncidentView, RolloutView } from './room-rollout'

const stepId = id('stepId')
const incidentId = id('incidentId')

/** What an Argo import left out or changed, for the person to check. The plan itself is saved on the release. */
export interface ArgoImportSummary {
  rollout: RolloutView
  rolloutName: string | null
  skipped: { index: number; kind: string; line: number | null; note: string }[]
  notes: string[]
}

/** Staged rollout, incidents and the rollback decision (issue: staged rollout and the decision tree). */
export const rolloutApi = {
  'rollout.plan.set': { input: z.object({ releaseId, plan: rolloutPlanSchema, actor: actorSchema }).strict(), mutates: true },
  'rollout.plan.importArgo': {
    input: z.object({ releaseId, manifest: text('Manifest', 200_000), actor: actorSchema }).strict(),
    mutates: true
  },
  'rollout.start': { input: z.object({ releaseId, actor: actorSchema }).strict(), mutates: true },
  'rollout.advance': {
    input: z
      .object({
        releaseId,
        /** Passing a failed or unevaluated gate: an explicit vote, kept with its rationale next to the verdict it overrode. */
        override: z.object({ rationale: text('Override rationale', 2000) }).strict().optional(),
        actor: actorSchema
      })
      .strict(),
    mutates: true
  },
  'rollout.hold': { input: z.object({ releaseId, reason: text('Reason', 1000), actor: actorSchema }).strict(), mutates: true },
  'rollout.resume': { input: z.object({ releaseId, actor: actorSchema }).strict(), mutates: true },
  'rollout.abort': { input: z.object({ releaseId, reason: text('Reason', 1000), actor: actorSchema }).strict(), mutates: true },
  'rollout.gate': {
    input: z
      .object({
        releaseId,
        stepId,
        result: z.enum(['pass', 'fail'], { error: 'result must be pass or fail' }),
        rationale: text('Rationale', 2000),
        /** The incident a failed gate opens; high when not given. */
        severity: severitySchema.optional(),
        actor: actorSchema
      })
      .strict(),
    mutates: true
  },

  'incidents.open': {
    input: z.object({ releaseId, severity: severitySchema, summary: text('Summary', 500), actor: actorSchema }).strict(),
    mutates: true
  },
  'incidents.answer': {
    input: z
      .object({
        releaseId,
        incidentId,
        nodeId: id('nodeId'),
        answer: z.enum(['yes', 'no'], { error: 'answer must be yes or no' }),
        rationale: text('Rationale', 2000),
        actor: actorSchema
      })
      .strict(),
    mutates: true
  },
  'incidents.resolve': {
    input: z.object({ releaseId, incidentId, resolution: text('Resolution', 2000), actor: actorSchema }).strict(),
    mutates: true
  },

  'rollback.completeStep': {
    input: z.object({ releaseId, stepId, note: optionalText('Note', 2000), actor: actorSchema }).strict(),
    mutates: true
  }
} as const satisfies Record<string, MethodSpec>

export interface RolloutResults {
  'rollout.plan.set': RolloutView
  'rollout.plan.importArgo': ArgoImportSummary
  'rollout.start': RolloutView
  'rollout.advance': RolloutView
  'rollout.hold': RolloutView
  'rollout.resume': RolloutView
  'rollout.abort': RolloutView
  'rollout.gate': RolloutView
  'incidents.open': IncidentView
  'incidents.answer': IncidentView
  'incidents.resolve': IncidentView
  'rollback.completeStep': RollbackProcedure
}
