import { useState } from 'react'
import { useReleases } from '../session/room'
import { hrefOf } from '../stores/route-store'
import { CreateReleaseForm } from './CreateReleaseForm'
import { ReleasesTable } from './ReleasesTable'
import { ImportedReports } from './report/ImportedReports'

export function ReleasesView() {
  const releases = useReleases((s) => s.releases)
  const loaded = useReleases((s) => s.loaded)
  const error = useReleases((s) => s.error)
  const [creating, setCreating] = useState(false)

  return (
    <main className="page" data-testid="releases-view">
      <div className="page-head">
        <h1>Releases</h1>
        <button className={creating ? 'ghost' : 'primary'} onClick={() => setCreating(!creating)} data-testid="new-release">
          {creating ? 'Cancel' : 'New release'}
        </button>
      </div>
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      {creating && (
        <CreateReleaseForm
          onDone={(id) => {
            setCreating(false)
            window.location.hash = hrefOf({ view: 'release', releaseId: id })
          }}
        />
      )}
      {loaded ? <ReleasesTable releases={releases} /> : <p className="muted">Loading releases…</p>}
      <ImportedReports />
    </main>
  )
}
