import type { Room } from '../../../shared/room'
import type { SignalStatus } from '../../../shared/room-signals'
import type { Actor } from '../../../shared/roles'
import { ROLE_LABELS } from '../../../shared/roles'
import { UPDATE_STAGE_LABELS, type UpdateSendView, type UpdateStage } from '../../../shared/updates'
import { renderTemplate, type TemplateProblem } from '../../../shared/update-template'

/**
 * The room the preview is filled from: the last `releases.get`, with each signal's status replaced by the live one
 * when that is newer, so "{signals}" follows the charts rather than the last refetch.
 */
export function liveRoom(room: Room, statuses: Record<string, SignalStatus>): Room {
  const signals = room.signals.map((s) => {
    const live = statuses[s.id]
    return live && (live.at ?? 0) > (s.status.at ?? 0) ? { ...s, status: live } : s
  })
  return { ...room, signals }
}

export type Preview = { ok: true; text: string } | { ok: false; problems: TemplateProblem[] }

export function previewOf(room: Room, stage: UpdateStage, draft: string | null, now: number): Preview {
  const body = draft ?? room.updates.templates.find((t) => t.stage === stage)?.body ?? ''
  return renderTemplate(body, room, now)
}

/** Who sets templates and the webhook: the same rule the host applies, so the panel offers only what will work. */
export function canSetUp(room: Room, actor: Actor | null): boolean {
  if (!actor || actor.role === 'observer') return false
  if (['devops-lead', 'product-owner', 'project-manager'].includes(actor.role)) return true
  return room.release.owner.trim().toLocaleLowerCase() === actor.name.trim().toLocaleLowerCase()
}

export type SendButton = { enabled: true; label: string } | { enabled: false; label: string; why: string }

/** The send button's state: no webhook, an observer, or the rate limit's wait, said in seconds. */
export function sendButton(room: Room, actor: Actor | null, now: number): SendButton {
  const hook = room.updates.webhook
  if (!hook) return { enabled: false, label: 'Send', why: 'Set a webhook to send from here, or copy the message.' }
  const label = `Send to ${hook.host}`
  if (!actor || actor.role === 'observer') return { enabled: false, label, why: 'Observers watch; a participant sends updates.' }
  const next = room.updates.nextSendAt
  if (next !== null && next > now) {
    const wait = Math.ceil((next - now) / 1000)
    const when = wait >= 120 ? `${Math.ceil(wait / 60)} min` : `${wait} s`
    return { enabled: false, label, why: `Next send possible in ${when} (at most one every 30 s and ten an hour).` }
  }
  return { enabled: true, label }
}

const STATUS_WORDS: Record<UpdateSendView['status'], string> = { pending: 'Sending', delivered: 'Delivered', failed: 'Failed', copied: 'Copied' }

const hhmm = (ms: number) => new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hour12: false })

/** One line of the recent sends list: what, where, by whom, when, and how it ended. */
export function sendLine(s: UpdateSendView): { status: string; tone: 'ok' | 'bad' | 'pending' | 'neutral'; title: string; detail: string } {
  const where = s.channel === 'copy' ? ', copied to send by hand' : ` → ${s.host}`
  const outcome =
    s.status === 'delivered' ? `HTTP ${s.httpStatus}${s.durationMs !== null ? `, ${s.durationMs} ms` : ''}` : s.status === 'failed' ? (s.detail ?? 'failed') : ''
  return {
    status: STATUS_WORDS[s.status],
    tone: s.status === 'delivered' ? 'ok' : s.status === 'failed' ? 'bad' : s.status === 'pending' ? 'pending' : 'neutral',
    title: `${UPDATE_STAGE_LABELS[s.stage]}${where}`,
    detail: [`${hhmm(s.requestedAt)} · ${s.requestedBy.name} (${ROLE_LABELS[s.requestedBy.role]})`, outcome].filter(Boolean).join(' · ')
  }
}
