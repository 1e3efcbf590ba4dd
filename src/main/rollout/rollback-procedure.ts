import type { Actor } from '../../shared/roles'
import type { RollbackProcedure, RollbackTemplate } from '../../shared/rollout'
import { refuseObserver } from '../runbook/release-rules'
import { formatDuration } from './duration-text'

/**
 * The rollback procedure: a timed checklist copied from the template when the decision is made. Steps can be ticked
 * in any order, because in an emergency people work in parallel; the clock runs from the decision to the last tick.
 */

export type ProcedureResult =
  | { ok: true; procedure: RollbackProcedure; finished: boolean }
  | { ok: false; reasons: string[] }

export function startRollbackProcedure(
  template: RollbackTemplate,
  input: { reason: string; actor: Actor; now: number }
): ProcedureResult {
  const reasons: string[] = []
  const observer = refuseObserver(input.actor, 'start a rollback')
  if (observer) reasons.push(observer)
  if (!input.reason.trim()) reasons.push('Say why you are rolling back: a reason is required, and it goes on the release record.')
  if (reasons.length) return { ok: false, reasons }
  return {
    ok: true,
    finished: false,
    procedure: {
      reason: input.reason.trim(),
      decidedAt: input.now,
      decidedBy: input.actor,
      targetMinutes: template.targetMinutes,
      steps: template.steps.map((s) => ({ ...s, doneAt: null, doneBy: null, note: null })),
      finishedAt: null
    }
  }
}

export function completeRollbackStep(
  procedure: RollbackProcedure,
  input: { stepId: string; actor: Actor; note?: string; now: number }
): ProcedureResult {
  const reasons: string[] = []
  const observer = refuseObserver(input.actor, 'tick rollback steps')
  if (observer) reasons.push(observer)
  if (procedure.finishedAt !== null) {
    reasons.push(`The rollback finished ${formatDuration(procedure.finishedAt - procedure.decidedAt)} after the decision; add a note instead.`)
  }
  const step = procedure.steps.find((s) => s.id === input.stepId)
  if (!step) {
    reasons.push(`No rollback step "${input.stepId}"; the steps are ${procedure.steps.map((s) => s.id).join(', ')}.`)
  } else if (step.doneAt !== null) {
    reasons.push(`"${step.title}" was already done by ${step.doneBy?.name ?? 'someone'}.`)
  }
  if (reasons.length) return { ok: false, reasons }

  const steps = procedure.steps.map((s) =>
    s.id === input.stepId ? { ...s, doneAt: input.now, doneBy: input.actor, note: input.note?.trim() || null } : s
  )
  const finished = steps.every((s) => s.doneAt !== null)
  return { ok: true, finished, procedure: { ...procedure, steps, finishedAt: finished ? input.now : null } }
}
