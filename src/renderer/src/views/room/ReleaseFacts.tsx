import type { Release } from '../../../../shared/release'
import { ROLE_LABELS } from '../../../../shared/roles'
import { formatMoment } from '../../releases/window-time'

/** Who is in the room and what the release must achieve: set at creation, shown so nobody has to ask. */
export function ReleaseFacts({ release }: { release: Release }) {
  if (!release.participants.length && !release.successCriteria.length && !release.commitAt) return null
  return (
    <div className="release-facts" data-testid="release-facts">
      {release.participants.length > 0 && (
        <div>
          <div className="eyebrow">Participants</div>
          <ul className="chips">
            {release.participants.map((p) => (
              <li key={`${p.name}${p.role}`} className="chip">
                {p.name} · {ROLE_LABELS[p.role]}
              </li>
            ))}
          </ul>
        </div>
      )}
      {release.commitAt && (
        <div>
          <div className="eyebrow">Change committed</div>
          <span data-testid="release-commit-at">{formatMoment(release.commitAt)}</span>
        </div>
      )}
      {release.successCriteria.length > 0 && (
        <div>
          <div className="eyebrow">Success criteria</div>
          <ul className="criteria">
            {release.successCriteria.map((c) => (
              <li key={c.description}>
                {c.description}
                {c.target && <span className="muted"> — target {c.target}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}
