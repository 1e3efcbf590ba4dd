import { useEffect } from 'react'
import { reportStore, useReport } from '../../session/report'
import { formatTime } from '../../../../shared/report-format'
import { ReportBody } from './ReportBody'
import { ReportActions } from './ReportActions'

/** A report imported from another war room: shown as it came, never editable, never mixed with live releases. */
export function ImportedReportView({ importId }: { importId: string }) {
  const imported = useReport((s) => s.imported)
  const error = useReport((s) => s.error)
  useEffect(() => {
    reportStore.getState().openImported(importId)
    return () => reportStore.getState().close()
  }, [importId])
  const shown = imported && imported.id === importId ? imported : null
  return (
    <main className="page report-page" data-testid="imported-report-view">
      <div className="room-topline no-print">
        <a href="#/" className="back">
          ← All releases
        </a>
        {shown && <ReportActions pdfName={`release-report-${shown.service}-${shown.version}-imported`} />}
      </div>
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      {shown && (
        <p className="banner report-imported-banner" data-testid="imported-banner">
          <strong>Imported, read-only.</strong> From another war room (release {shown.sourceReleaseId}), exported {formatTime(shown.exportedAt)}, imported{' '}
          {formatTime(shown.importedAt)} by {shown.importedBy.name}. Its timeline's hash chain was verified on import.
        </p>
      )}
      {shown ? <ReportBody report={shown.report} /> : !error && <p className="muted">Opening the imported report…</p>}
    </main>
  )
}
