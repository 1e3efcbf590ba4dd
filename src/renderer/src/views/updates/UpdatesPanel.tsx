import { useMemo, useRef, useState } from 'react'
import type { Room } from '../../../../shared/room'
import { UPDATE_STAGES, UPDATE_STAGE_LABELS, UPDATE_STAGE_WHEN, type UpdateStage } from '../../../../shared/updates'
import { suggestStage } from '../../../../shared/update-stage'
import { client, useIdentity } from '../../session/room'
import { useHealth } from '../../health/session'
import { useCall } from '../../room/use-call'
import { useNow } from '../../room/use-now'
import { copyText } from '../../updates/clipboard'
import { canSetUp, liveRoom, previewOf, sendButton } from '../../updates/update-panel'
import { TemplateEditor } from './TemplateEditor'
import { WebhookSettings } from './WebhookSettings'
import { RecentSends } from './RecentSends'
import '../../updates.css'

/**
 * The communication plan in the room: pick a stage (the room's state preselects one), read the message as it would
 * go out now, copy it or send it to the release's webhook, and edit the template behind it.
 */
export function UpdatesPanel({ room: stored }: { room: Room }) {
  const actor = useIdentity((s) => s.actor)
  const statuses = useHealth((s) => s.statuses)
  const now = useNow()
  const room = useMemo(() => liveRoom(stored, statuses), [stored, statuses])
  const suggested = suggestStage(room, now)
  const [picked, setPicked] = useState<UpdateStage | null>(null)
  const stage = picked ?? suggested.stage
  const [draft, setDraft] = useState<string | null>(null)
  const [copied, setCopied] = useState<string | null>(null)
  const previewRef = useRef<HTMLDivElement>(null)
  const action = useCall()
  const preview = previewOf(room, stage, draft, now)
  const button = sendButton(room, actor, now)
  const template = room.updates.templates.find((t) => t.stage === stage)!
  const releaseId = room.release.id

  function choose(next: UpdateStage) {
    setPicked(next)
    setDraft(null)
    setCopied(null)
    action.clearError()
  }

  async function copy() {
    if (!preview.ok || !actor) return
    setCopied(null)
    const text = preview.text
    const done = await action.run(async () => {
      await copyText(text)
      return client.call('updates.copied', { releaseId, stage, text, actor })
    })
    if (done) setCopied('Copied: paste it where your stakeholders read.')
    else if (previewRef.current) window.getSelection()?.selectAllChildren(previewRef.current)
  }

  async function send() {
    if (!actor) return
    setCopied(null)
    await action.run(() => client.call('updates.send', { releaseId, stage, actor }))
  }

  return (
    <section className="card updates" data-testid="updates-panel">
      <div className="panel-head">
        <h2>Stakeholder updates</h2>
        <WebhookSettings room={room} canEdit={canSetUp(room, actor)} />
      </div>
      <div className="updates-stage-row">
        <label className="updates-stage">
          Stage
          <select value={stage} onChange={(e) => choose(e.target.value as UpdateStage)} data-testid="updates-stage">
            {UPDATE_STAGES.map((s) => (
              <option key={s} value={s}>
                {UPDATE_STAGE_LABELS[s]}
                {s === suggested.stage ? ' (suggested)' : ''}
              </option>
            ))}
          </select>
        </label>
        <p className="updates-hint muted" data-testid="updates-suggestion">
          {stage === suggested.stage ? `Suggested: ${suggested.reason}.` : `Suggested now: ${UPDATE_STAGE_LABELS[suggested.stage]} (${suggested.reason}).`}{' '}
          When: {UPDATE_STAGE_WHEN[stage]}.
        </p>
      </div>

      {preview.ok ? (
        <div className="updates-preview" ref={previewRef} data-testid="updates-preview" aria-live="polite">
          {preview.text}
        </div>
      ) : (
        <div className="updates-preview updates-preview-bad" data-testid="updates-preview-problems">
          {preview.problems.map((p) => (
            <p key={p.at}>{p.message}</p>
          ))}
        </div>
      )}

      <div className="updates-actions">
        <button className="primary" onClick={() => void copy()} disabled={!preview.ok || !actor || action.busy || draft !== null} data-testid="updates-copy">
          Copy message
        </button>
        <button onClick={() => void send()} disabled={!button.enabled || action.busy || draft !== null} title={button.enabled ? undefined : button.why} data-testid="updates-send">
          {button.label}
        </button>
        {!button.enabled && <span className="muted" data-testid="updates-send-why">{button.why}</span>}
        {copied && (
          <span className="updates-copied" role="status" data-testid="updates-copied">
            {copied}
          </span>
        )}
      </div>
      {action.error && (
        <p className="form-error" role="alert" data-testid="updates-error">
          {action.error}
        </p>
      )}

      <TemplateEditor
        key={`${releaseId}:${stage}`}
        releaseId={releaseId}
        template={template}
        draft={draft}
        onDraft={setDraft}
        canEdit={canSetUp(room, actor)}
      />
      <RecentSends sends={room.updates.sends} />
    </section>
  )
}
