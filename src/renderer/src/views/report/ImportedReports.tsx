import { useCallback, useEffect, useState, type ChangeEvent } from 'react'
import type { ImportedReportSummary } from '../../../../shared/api-report'
import { formatTime } from '../../../../shared/report-format'
import { client, useIdentity } from '../../session/room'
import { useCall } from '../../room/use-call'
import { hrefOf } from '../../stores/route-store'

/** "Import report bundle" and the reports imported so far, kept apart from this room's own releases. */
export function ImportedReports() {
  const actor = useIdentity((s) => s.actor)
  const [list, setList] = useState<ImportedReportSummary[]>([])
  const call = useCall()
  const load = useCallback(() => client.call('reports.imported.list', {}).then(setList, () => undefined), [])
  useEffect(() => {
    void load()
  }, [load])

  async function choose(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0]
    e.target.value = ''
    if (!file || !actor) return
    const done = await call.run(async () => client.call('reports.import', { bundle: await file.text(), actor }))
    if (done) {
      await load()
      window.location.hash = hrefOf({ view: 'imported-report', importId: done.id })
    }
  }

  return (
    <section className="card imported-reports" data-testid="imported-reports">
      <div className="panel-head">
        <h2>Imported reports</h2>
        <label className="report-file-button">
          Import report bundle
          <input type="file" accept=".json,application/json" onChange={(e) => void choose(e)} className="report-file-input" data-testid="import-bundle" />
        </label>
      </div>
      {call.error && (
        <p className="form-error" role="alert">
          {call.error}
        </p>
      )}
      {list.length === 0 ? (
        <p className="muted">Reports exported from other war rooms (a .bundle.json file) open here, read-only.</p>
      ) : (
        <ul className="imported-list">
          {list.map((r) => (
            <li key={r.id}>
              <a href={hrefOf({ view: 'imported-report', importId: r.id })}>
                {r.title} <span className="muted">({r.service} {r.version}, {r.status})</span>
              </a>{' '}
              <span className="muted">imported {formatTime(r.importedAt)} by {r.importedBy.name}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
