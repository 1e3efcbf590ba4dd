import type { ReleaseReport } from '../../../../shared/report'
import { formatTime } from '../../../../shared/report-format'
import { Section, Tag, Who } from './report-bits'

const NOTES: { key: 'whatsNew' | 'fixes' | 'knownIssues' | 'upgrade'; label: string }[] = [
  { key: 'whatsNew', label: "What's new" },
  { key: 'fixes', label: 'Fixes' },
  { key: 'knownIssues', label: 'Known issues' },
  { key: 'upgrade', label: 'Upgrade instructions' }
]

export function ReportNotes({ report }: { report: ReleaseReport }) {
  const n = report.releaseNotes
  return (
    <Section id="notes" title="Release notes">
      <div className="report-notes">
        {NOTES.map((s) => (
          <div key={s.key}>
            <h3>{s.label}</h3>
            {n[s.key].trim() ? <p className="report-prewrap">{n[s.key]}</p> : <p className="muted">None written.</p>}
          </div>
        ))}
      </div>
      {n.updatedBy && (
        <p className="muted">
          Last edited {formatTime(n.updatedAt)} by <Who actor={n.updatedBy} />
        </p>
      )}
    </Section>
  )
}

export function ReportAudit({ report }: { report: ReleaseReport }) {
  const a = report.audit
  return (
    <Section id="audit" title="Audit chain">
      <p>
        <Tag tone={a.ok ? 'ok' : 'bad'}>{a.ok ? 'verified' : 'broken'}</Tag>{' '}
        {a.ok ? `The timeline's hash chain verifies: ${a.count} entries.` : `The timeline's hash chain does not verify: ${a.problem ?? 'unknown problem'}.`}
      </p>
      <p>
        Head hash <code className="report-hash" data-testid="report-head-hash">{a.headHash}</code>
      </p>
    </Section>
  )
}
