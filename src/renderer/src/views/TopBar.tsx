import { ROLE_LABELS } from '../../../shared/roles'
import { identityStore, useConnection, useIdentity } from '../session/room'
import { ThemeToggle } from './ThemeToggle'

const CONNECTION_TEXT = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' } as const

export function TopBar() {
  const actor = useIdentity((s) => s.actor)
  const connection = useConnection()
  return (
    <header className="topbar">
      <nav className="topnav">
        <a className="brand" href="#/">
          Release War Room
        </a>
        <a href="#/">Releases</a>
        <a href="#/templates" data-testid="nav-templates">
          Templates
        </a>
        <a href="#/history" data-testid="nav-history">
          History
        </a>
      </nav>
      <div className="topbar-right">
        <span className={`connection connection-${connection}`} data-testid="connection" data-state={connection}>
          <span className="dot" aria-hidden /> {CONNECTION_TEXT[connection]}
        </span>
        <ThemeToggle />
        {actor && (
          <button className="identity-chip" title="Change who you are" onClick={() => identityStore.getState().forget()} data-testid="identity-chip">
            {actor.name} · {ROLE_LABELS[actor.role]}
          </button>
        )}
      </div>
    </header>
  )
}
