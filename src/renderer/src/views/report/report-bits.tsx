import { ROLE_LABELS, type Role } from '../../../../shared/roles'
import type { Tone } from '../../report/report-lines'

/** Small pieces every report section uses. */

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? role
}

export function Who({ actor }: { actor: { name: string; role: string } | null | undefined }) {
  if (!actor) return <span className="muted">—</span>
  return (
    <>
      {actor.name} <span className="muted">({roleLabel(actor.role)})</span>
    </>
  )
}

export function Tag({ tone, children }: { tone: Tone; children: React.ReactNode }) {
  return <span className={`report-tag tone-${tone}`}>{children}</span>
}

export function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section className="card report-section" data-testid={`report-${id}`} aria-labelledby={`report-h-${id}`}>
      <h2 id={`report-h-${id}`}>{title}</h2>
      {children}
    </section>
  )
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="muted report-empty">{children}</p>
}
