import { useMemo, useState, type FormEvent } from 'react'
import type { ChainVerdict, TimelineEntry } from '../../../../shared/timeline'
import { ROLE_LABELS } from '../../../../shared/roles'
import { client, useIdentity } from '../../session/room'
import { useCall } from '../../room/use-call'
import { downloadFile } from '../../room/download-file'
import { KIND_FILTERS, kindLabel, timelineMatches } from '../../room/timeline-filter'

const time = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour12: false })

/** The record, newest first: filterable, verifiable against its hash chain, exportable. */
export function TimelinePanel({ releaseId, entries }: { releaseId: string; entries: TimelineEntry[] }) {
  const actor = useIdentity((s) => s.actor)
  const [text, setText] = useState('')
  const [kind, setKind] = useState('')
  const [note, setNote] = useState('')
  const [verdict, setVerdict] = useState<ChainVerdict | null>(null)
  const call = useCall()
  const shown = useMemo(() => entries.filter((e) => timelineMatches(e, text, kind)), [entries, text, kind])

  async function addNote(e: FormEvent) {
    e.preventDefault()
    if (!actor || !note.trim()) return
    const ok = await call.run(() => client.call('notes.add', { releaseId, text: note, actor }))
    if (ok) setNote('')
  }

  return (
    <section className="card timeline" data-testid="timeline">
      <div className="panel-head">
        <h2>Timeline</h2>
        <div className="panel-actions">
          <button className="ghost" onClick={() => call.run(async () => setVerdict(await client.call('timeline.verify', { releaseId })))} data-testid="verify-chain">
            Verify
          </button>
          <button className="ghost" onClick={() => call.run(async () => downloadFile(await client.call('timeline.export', { releaseId, format: 'csv' })))}>
            CSV
          </button>
          <button className="ghost" onClick={() => call.run(async () => downloadFile(await client.call('timeline.export', { releaseId, format: 'json' })))}>
            JSON
          </button>
        </div>
      </div>
      {verdict && (
        <p className={`banner ${verdict.ok ? 'banner-ok' : 'banner-error'}`} data-testid="chain-verdict" data-ok={verdict.ok}>
          {verdict.ok
            ? `Chain intact: ${verdict.count} entries, head ${verdict.headHash.slice(0, 12)}…`
            : `Chain broken at entry #${verdict.firstBad.seq}: ${verdict.firstBad.reason}`}
        </p>
      )}
      {actor && (
        <form className="note-form" onSubmit={addNote}>
          <input value={note} onChange={(e) => setNote(e.target.value)} placeholder="Add a note to the record…" aria-label="Note" data-testid="note-input" />
          <button type="submit" disabled={!note.trim() || call.busy} data-testid="note-submit">
            Add
          </button>
        </form>
      )}
      {call.error && (
        <p className="form-error" role="alert">
          {call.error}
        </p>
      )}
      <div className="table-tools">
        <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Filter by text, person or role" aria-label="Filter timeline" data-testid="timeline-filter" />
        <select value={kind} onChange={(e) => setKind(e.target.value)} aria-label="Kind" data-testid="timeline-kind">
          <option value="">Everything</option>
          {KIND_FILTERS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </div>
      <ol className="entries" data-testid="timeline-entries">
        {shown.map((e) => (
          <li key={e.id} className={`entry entry-${kindLabel(e.kind)}`} data-testid="timeline-entry" data-kind={e.kind}>
            <span className="entry-time">{time(e.at)}</span>
            <span className="entry-kind">{kindLabel(e.kind)}</span>
            <span className="entry-body">
              {e.actor && (
                <span className="entry-actor">
                  {e.actor.name} · {ROLE_LABELS[e.actor.role]}:{' '}
                </span>
              )}
              {e.summary}
            </span>
          </li>
        ))}
      </ol>
    </section>
  )
}
