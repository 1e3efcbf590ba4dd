import { useEffect, useState } from 'react'
import { STRATEGY_LABELS, type Release } from '../../../shared/release'
import { ROLE_LABELS } from '../../../shared/roles'
import { client, useReleases } from '../session/room'
import { formatMoment } from '../releases/window-time'

/** One release's record. It reads `releases.get` once and then follows the live list the event stream keeps. */
export function ReleaseView({ releaseId }: { releaseId: string }) {
  const live = useReleases((s) => s.releases.find((r) => r.id === releaseId))
  const [fetched, setFetched] = useState<Release | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let cancelled = false
    client.call('releases.get', { releaseId }).then(
      (r) => !cancelled && setFetched(r),
      (e: Error) => !cancelled && setError(e.message)
    )
    return () => {
      cancelled = true
    }
  }, [releaseId])

  const release = live ?? fetched
  if (error && !release) {
    return (
      <main className="page">
        <p className="banner banner-error" role="alert">
          {error}
        </p>
        <a href="#/">← All releases</a>
      </main>
    )
  }
  if (!release) return <main className="page muted">Loading release…</main>

  return (
    <main className="page" data-testid="release-view">
      <a href="#/" className="back">
        ← All releases
      </a>
      <div className="release-head card">
        <div>
          <div className="eyebrow">
            {release.service} · {release.environment}
          </div>
          <h1 data-testid="release-title">{release.title}</h1>
        </div>
        <span className={`status status-${release.status} status-big`} data-testid="release-status">
          {release.status}
        </span>
      </div>
      <dl className="facts card">
        <dt>Version</dt>
        <dd>{release.version}</dd>
        <dt>Strategy</dt>
        <dd>{STRATEGY_LABELS[release.strategy]}</dd>
        <dt>Accountable owner</dt>
        <dd>{release.owner}</dd>
        <dt>Window</dt>
        <dd>
          {formatMoment(release.windowStart)} → {formatMoment(release.windowEnd)}
        </dd>
        <dt>Created</dt>
        <dd>
          {formatMoment(release.createdAt)} by {release.createdBy.name} ({ROLE_LABELS[release.createdBy.role]})
        </dd>
      </dl>
    </main>
  )
}
