import { useState } from 'react'
import { client } from '../../session/room'
import { useCall } from '../../room/use-call'
import { downloadFile } from '../../room/download-file'
import { printReport } from '../../report/print-report'

/** Download Markdown, Download JSON (live reports only) and Save as PDF. */
export function ReportActions({ releaseId, pdfName }: { releaseId?: string; pdfName: string }) {
  const call = useCall()
  const [saved, setSaved] = useState<string | null>(null)
  const download = (format: 'markdown' | 'json') => {
    if (!releaseId) return
    void call.run(async () => downloadFile(await client.call('reports.export', { releaseId, format })))
  }
  const pdf = () =>
    void call.run(async () => {
      const outcome = await printReport(pdfName)
      if (outcome === 'browser-dialog') return
      if (outcome.saved) setSaved(outcome.path)
      else if (outcome.error) throw new Error(outcome.error)
    })
  return (
    <div className="report-actions no-print">
      {releaseId && (
        <>
          <button type="button" onClick={() => download('markdown')} disabled={call.busy} data-testid="report-download-md">
            Download Markdown
          </button>
          <button type="button" onClick={() => download('json')} disabled={call.busy} data-testid="report-download-json">
            Download JSON
          </button>
        </>
      )}
      <button type="button" className="primary" onClick={pdf} disabled={call.busy} data-testid="report-pdf">
        Save as PDF
      </button>
      {saved && <span className="muted">Saved to {saved}</span>}
      {call.error && (
        <span className="form-error" role="alert">
          {call.error}
        </span>
      )}
    </div>
  )
}
