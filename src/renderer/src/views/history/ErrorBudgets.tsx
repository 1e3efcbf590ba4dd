import { useState } from 'react'
import type { ErrorBudget } from '../../../../shared/history'
import { ROLE_LABELS } from '../../../../shared/roles'
import { budgetBar } from '../../history/budget-bar'
import { formatMinutes, formatPercent } from '../../history/dora-format'
import { formatMoment } from '../../releases/window-time'
import { useCall } from '../../room/use-call'
import { useIdentity } from '../../session/room'
import { historyStore } from './history-session'

function BudgetRow({ b }: { b: ErrorBudget }) {
  const bar = budgetBar(b)
  return (
    <li className="budget" data-testid="budget" data-service={b.service} data-status={b.status}>
      <div className="budget-head">
        <strong className="budget-service">{b.service}</strong>
        {b.slo ? (
          <span>
            {b.slo.targetPercent}% over {b.slo.windowDays} days · budget {formatMinutes(b.budgetMinutes!)}
          </span>
        ) : (
          <span className="muted">No SLO set</span>
        )}
        <span className={`budget-remaining tone-${bar.tone}`}>{bar.remaining}</span>
      </div>
      {b.slo && (
        <>
          <div
            className="budget-bar"
            role="meter"
            aria-label={`${b.service} error budget spent`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(bar.spentPercent)}
          >
            <span className={`budget-spent tone-${bar.tone}`} style={{ width: `${bar.spentPercent}%` }} />
          </div>
          <p className="budget-caption">
            {bar.caption}
            {b.measuredAvailability !== null && <> · measured availability {formatPercent(b.measuredAvailability)}</>}
          </p>
          <p className="muted budget-note">
            {b.explanation} Set by {b.slo.setBy.name} ({ROLE_LABELS[b.slo.setBy.role]}) {formatMoment(b.slo.setAt)}
            {b.slo.previousTargetPercent !== null && <>, was {b.slo.previousTargetPercent}%</>}
            {b.slo.reason && <>: {b.slo.reason}</>}.
          </p>
        </>
      )}
    </li>
  )
}

/** The SLO form: an SRE or the DevOps lead sets a service's availability target and window. */
function SloForm({ services }: { services: readonly string[] }) {
  const actor = useIdentity((s) => s.actor)
  const { run, error, busy } = useCall()
  const [service, setService] = useState('')
  const [target, setTarget] = useState('99.9')
  const [days, setDays] = useState('30')
  if (!actor || (actor.role !== 'sre' && actor.role !== 'devops-lead')) return null
  const chosen = service || services[0] || ''
  return (
    <form
      className="slo-form"
      onSubmit={(e) => {
        e.preventDefault()
        void run(() => historyStore.getState().setSlo({ service: chosen, targetPercent: Number(target), windowDays: Number(days), actor }))
      }}
    >
      <label>
        Service
        <input list="history-services" value={chosen} onChange={(e) => setService(e.target.value)} data-testid="slo-service" required />
        <datalist id="history-services">
          {services.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </label>
      <label>
        Availability target %
        <input type="number" step="0.01" min="50" max="99.9999" value={target} onChange={(e) => setTarget(e.target.value)} data-testid="slo-target" required />
      </label>
      <label>
        Window (days)
        <input type="number" min="1" max="365" value={days} onChange={(e) => setDays(e.target.value)} data-testid="slo-days" required />
      </label>
      <button className="primary" disabled={busy || !chosen} data-testid="slo-save">
        Set SLO
      </button>
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}

export function ErrorBudgets({ budgets, services }: { budgets: readonly ErrorBudget[]; services: readonly string[] }) {
  return (
    <section className="card" aria-labelledby="budgets-title" data-testid="error-budgets">
      <h2 id="budgets-title">Error budget per service</h2>
      <p className="muted section-note">Budget = (1 − target) × window. Spent: the downtime each release's measured availability implies.</p>
      <ul className="budgets">
        {budgets.map((b) => (
          <BudgetRow key={b.service} b={b} />
        ))}
        {budgets.length === 0 && <li className="muted">No services yet.</li>}
      </ul>
      <SloForm services={services} />
    </section>
  )
}
