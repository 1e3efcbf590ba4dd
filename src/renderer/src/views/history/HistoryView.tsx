import { useEffect, useMemo } from 'react'
import { HISTORY_BUCKETS } from '../../../../shared/history'
import { servicesOf } from '../../history/history-filter'
import { trendSeries } from '../../history/trend-series'
import { DoraTiles } from './DoraTiles'
import { ErrorBudgets } from './ErrorBudgets'
import { HistoryTable } from './HistoryTable'
import { TrendChart } from './TrendChart'
import { historyStore, useHistory } from './history-session'
import '../../history.css'

const BUCKET_LABELS = { week: 'Weekly', month: 'Monthly' } as const

/** Delivery history across every release: DORA's four keys, their trend, the releases behind them, error budgets. */
export function HistoryView() {
  const state = useHistory((s) => s)
  useEffect(() => {
    historyStore.getState().watch(true)
    return () => historyStore.getState().watch(false)
  }, [])
  const services = useMemo(() => servicesOf(state.rows, state.slos.map((s) => s.service)), [state.rows, state.slos])
  const series = useMemo(() => (state.trends ? trendSeries(state.trends.points, state.trends.bucket) : []), [state.trends])
  const failures = useMemo(() => state.trends?.points.map((p) => p.failures) ?? [], [state.trends])

  return (
    <main className="page history" data-testid="history-view">
      <div className="page-head">
        <h1>Delivery history</h1>
        <label className="history-service">
          Service
          <select value={state.service} onChange={(e) => void state.setService(e.target.value)} data-testid="history-service">
            <option value="">All services</option>
            {services.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      {state.error && (
        <p className="banner banner-error" role="alert">
          {state.error}
        </p>
      )}
      {!state.loaded || !state.dora ? (
        <p className="muted">Loading the history…</p>
      ) : (
        <>
          <p className="muted section-note" data-testid="dora-window">
            DORA's four keys for {state.dora.service ?? 'every service'} over the last {Math.round(state.dora.window.days)} days, with the performance band each falls in.
          </p>
          <DoraTiles dora={state.dora} />
          <section className="card" aria-labelledby="trends-title">
            <div className="section-head">
              <h2 id="trends-title">Trends</h2>
              <div className="segmented" role="group" aria-label="Trend period">
                {HISTORY_BUCKETS.map((b) => (
                  <button
                    key={b}
                    className={state.bucket === b ? 'primary' : 'ghost'}
                    aria-pressed={state.bucket === b}
                    onClick={() => void state.setBucket(b)}
                    data-testid={`bucket-${b}`}
                  >
                    {BUCKET_LABELS[b]}
                  </button>
                ))}
              </div>
            </div>
            <div className="trend-grid">
              {series.map((s) => (
                <TrendChart key={s.key} series={s} failures={s.key === 'deploymentFrequency' ? failures : undefined} />
              ))}
            </div>
          </section>
          <ErrorBudgets budgets={state.budgets} services={services} />
          <HistoryTable rows={state.rows} services={services} />
        </>
      )}
    </main>
  )
}
