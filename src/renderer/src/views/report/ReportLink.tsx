import { hrefOf } from '../../stores/route-store'
import '../../report.css'

/** The war room's way to its release report. */
export function ReportLink({ releaseId }: { releaseId: string }) {
  return (
    <a href={hrefOf({ view: 'report', releaseId })} className="report-link" data-testid="report-link">
      Release report →
    </a>
  )
}
