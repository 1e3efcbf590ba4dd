import { useEffect } from 'react'
import { reportStore, useReport } from '../../session/report'
import { hrefOf } from '../../stores/route-store'
import { ReportBody } from './ReportBody'
import { ReportActions } from './ReportActions'
import { TargetsEditor } from './TargetsEditor'

/** A live release's report, kept current as its timeline grows. */
export function ReportView({ releaseId }: { releaseId: string }) {
  const live = useReport((s) => s.live)
  const error = useReport((s) => s.error)
  useEffect(() => {
    reportStore.getState().open(releaseId)
    return () => reportStore.getState().close()
  }, [releaseId])
  const report = live && live.report.summary.releaseId === releaseId ? live : null
  return (
    <main className="page report-page" data-testid="report-view">
      <div className="room-topline no-print">
        <a href={hrefOf({ view: 'release', releaseId })} className="back">
          ← Back to the war room
        </a>
        {report && <ReportActions releaseId={releaseId} pdfName={`release-report-${report.report.summary.service}-${report.report.summary.version}`} />}
      </div>
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      {report ? <ReportBody report={report.report} metricsEditor={<TargetsEditor releaseId={releaseId} live={report} />} /> : !error && <p className="muted">Building the report…</p>}
    </main>
  )
}
