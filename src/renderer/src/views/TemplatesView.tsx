import { useEffect, useState, type FormEvent } from 'react'
import type { TemplateSummary } from '../../../shared/runbook'
import { STRATEGY_LABELS, type Strategy } from '../../../shared/release'
import { StrategySelect } from './pickers'
import { ApiError } from '../client/war-room-client'
import { client, useIdentity } from '../session/room'
import { useCall } from '../room/use-call'
import { downloadFile } from '../room/download-file'

type Format = 'json' | 'yaml' | 'markdown'

/** Runbook templates: the four built in, and any a team imported. Export to edit elsewhere; import to use here. */
export function TemplatesView() {
  const actor = useIdentity((s) => s.actor)
  const [templates, setTemplates] = useState<TemplateSummary[]>([])
  const [format, setFormat] = useState<Format>('yaml')
  const [content, setContent] = useState('')
  const [name, setName] = useState('')
  const [strategy, setStrategy] = useState<Strategy>('canary')
  const [issues, setIssues] = useState<{ path: string; message: string }[]>([])
  const [imported, setImported] = useState<string | null>(null)
  const call = useCall()

  const load = () => call.run(async () => setTemplates(await client.call('templates.list', {})))
  useEffect(() => {
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!actor) return
    setIssues([])
    setImported(null)
    try {
      const t = await client.call('templates.import', {
        format,
        content,
        actor,
        ...(format === 'markdown' ? { name, strategy } : {})
      })
      setImported(`Imported "${t.name}" with ${t.itemCount} items.`)
      setContent('')
      void load()
    } catch (err) {
      setIssues(err instanceof ApiError && err.issues.length ? err.issues : [{ path: '', message: (err as Error).message }])
    }
  }

  return (
    <main className="page" data-testid="templates-view">
      <div className="page-head">
        <h1>Runbook templates</h1>
        <a href="#/">← Releases</a>
      </div>
      <section className="card">
        <table className="grid">
          <thead>
            <tr>
              <th><span className="th">Name</span></th>
              <th><span className="th">Strategy</span></th>
              <th><span className="th">Items</span></th>
              <th><span className="th">Export</span></th>
            </tr>
          </thead>
          <tbody>
            {templates.map((t) => (
              <tr key={t.id} data-testid="template-row">
                <td>
                  <strong>{t.name}</strong> {t.builtin && <span className="tag">built in</span>}
                  <div className="muted">{t.id}</div>
                </td>
                <td>{STRATEGY_LABELS[t.strategy]}</td>
                <td>{t.itemCount}</td>
                <td className="row-actions">
                  {(['json', 'yaml'] as const).map((f) => (
                    <button key={f} className="ghost" onClick={() => call.run(async () => downloadFile(await client.call('templates.export', { templateId: t.id, format: f })))}>
                      {f.toUpperCase()}
                    </button>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <form className="card import-form" onSubmit={submit} data-testid="template-import">
        <h2>Import a template</h2>
        <p className="muted">
          Paste a template exported as JSON or YAML, or a Markdown task list such as <code>- [ ] Backups verified @sre</code> under phase headings. A file with
          an error is refused whole, with the line or field to fix.
        </p>
        <div className="form-grid">
          <label>
            Format
            <select value={format} onChange={(e) => setFormat(e.target.value as Format)} data-testid="import-format">
              <option value="yaml">YAML</option>
              <option value="json">JSON</option>
              <option value="markdown">Markdown task list</option>
            </select>
          </label>
          {format === 'markdown' && (
            <>
              <label>
                Name
                <input value={name} onChange={(e) => setName(e.target.value)} data-testid="import-name" />
              </label>
              <label>
                Strategy (its gates are used)
                <StrategySelect value={strategy} onChange={setStrategy} />
              </label>
            </>
          )}
        </div>
        <label>
          Content
          <textarea rows={10} value={content} onChange={(e) => setContent(e.target.value)} spellCheck={false} className="code" data-testid="import-content" />
        </label>
        {issues.length > 0 && (
          <ul className="form-error" role="alert" data-testid="import-errors">
            {issues.map((i) => (
              <li key={`${i.path}${i.message}`}>{i.path ? `${i.path}: ${i.message}` : i.message}</li>
            ))}
          </ul>
        )}
        {imported && <p className="gate-clear">{imported}</p>}
        {call.error && <p className="form-error">{call.error}</p>}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!content.trim() || !actor} data-testid="import-submit">
            Import
          </button>
        </div>
      </form>
    </main>
  )
}
