import type { RollbackProcedure } from '../../../../shared/rollout'
import type { Actor } from '../../../../shared/roles'
import { ROLE_LABELS } from '../../../../shared/roles'
import { client } from '../../session/room'
import { useCall } from '../../room/use-call'
import { useNow } from '../../room/use-now'
import { rollbackProgress } from '../../rollout/incidents'

/** The timed rollback: each step with its owner, ticked in any order; the clock runs from the decision to the last tick. */
export function RollbackChecklist({ releaseId, procedure, actor }: { releaseId: string; procedure: RollbackProcedure; actor: Actor | null }) {
  const now = useNow()
  const p = rollbackProgress(procedure, now)
  const tick = useCall()
  const finished = procedure.finishedAt !== null
  return (
    <section className={`rollback ${finished ? 'rollback-finished' : ''}`} data-testid="rollback-checklist" data-finished={finished}>
      <div className="rollback-head">
        <h3>{finished ? 'Rollback complete' : 'Rollback in progress'}</h3>
        <div className={`rollback-clock ${p.over ? 'over' : ''}`} data-testid="rollback-elapsed">
          {p.elapsed} <span className="muted">of {p.target} target</span>
        </div>
      </div>
      <div className="rollback-bar" aria-hidden="true">
        <div className={`rollback-bar-fill ${p.over ? 'over' : ''}`} style={{ width: `${Math.round(p.fraction * 100)}%` }} />
      </div>
      <p className="rollback-reason">{procedure.reason}</p>
      <ol className="rollback-steps">
        {procedure.steps.map((s) => (
          <li key={s.id} className={s.doneAt !== null ? 'done' : ''} data-testid="rollback-step" data-step-id={s.id} data-done={s.doneAt !== null}>
            <span className="rollback-mark" aria-hidden="true">
              {s.doneAt !== null ? '✓' : '○'}
            </span>
            <span className="rollback-title">
              {s.title}
              <span className="muted rollback-owner">
                {' '}
                · {ROLE_LABELS[s.ownerRole]}
                {s.doneBy && ` · done by ${s.doneBy.name}`}
                {s.note && ` · ${s.note}`}
              </span>
            </span>
            {s.doneAt === null && actor && actor.role !== 'observer' && (
              <button className="primary" disabled={tick.busy} onClick={() => tick.run(() => client.call('rollback.completeStep', { releaseId, stepId: s.id, actor }))} data-testid="rollback-step-done">
                Done
              </button>
            )}
          </li>
        ))}
      </ol>
      {tick.error && (
        <p className="form-error" role="alert" data-testid="rollback-error">
          {tick.error}
        </p>
      )}
    </section>
  )
}
