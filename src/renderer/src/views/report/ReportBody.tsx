import type { ReleaseReport } from '../../../../shared/report'
import { formatTime } from '../../../../shared/report-format'
import { ReportSummary } from './ReportSummary'
import { ReportChecklist } from './ReportChecklist'
import { ReportVotes } from './ReportVotes'
import { ReportRollout } from './ReportRollout'
import { ReportIncidents } from './ReportIncidents'
import { ReportHealth } from './ReportHealth'
import { ReportMetrics } from './ReportMetrics'
import { ReportAudit, ReportNotes } from './ReportNotesAudit'
import '../../report.css'

/** The report's sections, in the order of REPORT_SECTIONS: the same order as the Markdown and the PDF. */
export function ReportBody({ report, metricsEditor }: { report: ReleaseReport; metricsEditor?: React.ReactNode }) {
  return (
    <article className="report" data-testid="report">
      <header className="report-head">
        <h1>Release report: {report.summary.title}</h1>
        <p className="muted">
          {report.summary.service} {report.summary.version} · generated {formatTime(report.generatedAt)} from the stored record
        </p>
      </header>
      <ReportSummary report={report} />
      <ReportChecklist report={report} />
      <ReportVotes report={report} />
      <ReportRollout report={report} />
      <ReportIncidents report={report} />
      <ReportHealth report={report} />
      <ReportMetrics report={report} editor={metricsEditor} />
      <ReportNotes report={report} />
      <ReportAudit report={report} />
    </article>
  )
}
