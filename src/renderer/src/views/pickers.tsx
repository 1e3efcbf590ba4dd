import { ROLES, ROLE_LABELS, type Role } from '../../../shared/roles'
import { STRATEGIES, STRATEGY_LABELS, type Strategy } from '../../../shared/release'

/** An item's owner: any role that takes part in the window (observers own nothing). */
export function OwnerRoleSelect({ value, onChange, testId }: { value: Role; onChange(role: Role): void; testId?: string }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as Role)} data-testid={testId}>
      {ROLES.filter((r) => r !== 'observer').map((r) => (
        <option key={r} value={r}>
          {ROLE_LABELS[r]}
        </option>
      ))}
    </select>
  )
}

export function StrategySelect({ value, onChange, testId }: { value: Strategy; onChange(strategy: Strategy): void; testId?: string }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as Strategy)} data-testid={testId}>
      {STRATEGIES.map((s) => (
        <option key={s} value={s}>
          {STRATEGY_LABELS[s]}
        </option>
      ))}
    </select>
  )
}
