import type { UpdateSendView } from '../../../../shared/updates'
import { sendLine } from '../../updates/update-panel'

/** The last sends and copies, newest first, each with how it ended; the full text is a click away. */
export function RecentSends({ sends }: { sends: UpdateSendView[] }) {
  if (sends.length === 0) return <p className="muted updates-none">Nothing sent or copied yet for this release.</p>
  return (
    <div className="updates-sends">
      <h3>Last updates</h3>
      <ul data-testid="updates-sends">
        {sends.map((s) => {
          const line = sendLine(s)
          return (
            <li key={s.id} data-testid="updates-send-row" data-status={s.status}>
              <span className={`send-status tone-${line.tone}`}>{line.status}</span>
              <details>
                <summary>
                  <strong>{line.title}</strong> <span className="muted">{line.detail}</span>
                </summary>
                <p className="updates-sent-text">{s.text}</p>
              </details>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
