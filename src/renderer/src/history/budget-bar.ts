import type { ErrorBudget } from '../../../shared/history'
import { formatMinutes } from './dora-format'

export interface BudgetBar {
  /** Width of the spent part, 0…100 (an overspent budget fills the bar). */
  spentPercent: number
  tone: 'ok' | 'warn' | 'bad' | 'none'
  /** "12.4 min of 43.2 min spent" or why there is no bar. */
  caption: string
  remaining: string
}

export function budgetBar(b: ErrorBudget): BudgetBar {
  if (b.budgetMinutes === null || b.consumedRatio === null || b.remainingMinutes === null) {
    return { spentPercent: 0, tone: 'none', caption: 'No SLO set', remaining: '—' }
  }
  const spent = Math.min(100, Math.max(0, b.consumedRatio * 100))
  return {
    spentPercent: spent,
    tone: b.status === 'exhausted' ? 'bad' : b.status === 'low' ? 'warn' : 'ok',
    caption: `${formatMinutes(b.consumedMinutes)} of ${formatMinutes(b.budgetMinutes)} spent (${Math.round(b.consumedRatio * 100)}%)`,
    remaining: b.remainingMinutes < 0 ? `${formatMinutes(-b.remainingMinutes)} over` : `${formatMinutes(b.remainingMinutes)} left`
  }
}
