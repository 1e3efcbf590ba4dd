import type { WarRoom } from '../war-room'
import type { HandlerContext } from '../api/handler-context'
import { UPDATE_STAGE_LABELS } from '../../shared/updates'
import { record } from '../timeline/record'
import { postStepAction, type ActionAnswer, type ActionPoster } from '../rollout/step-action'
import type { PendingSend } from './update-store'
import { slackPayload } from './slack-payload'

export interface UpdateServiceOptions {
  post?: ActionPoster
  /** How long a webhook may take to answer before the send counts as failed. */
  timeoutMs?: number
}

type Outcome = Pick<ActionAnswer, 'ok' | 'httpStatus' | 'detail'> & { durationMs: number | null }

const LEFT_OVER =
  'the war room stopped before the webhook answered, so it may or may not have arrived; check the channel and send again if it is missing'

function reasonOf(o: Outcome): string {
  if (o.httpStatus === null) return o.detail ?? 'no answer'
  const detail = o.detail && o.detail !== `HTTP ${o.httpStatus}` ? `: ${o.detail}` : ''
  return `HTTP ${o.httpStatus}${detail}`
}

/** Writes a send's outcome and its timeline entry, once: a late second answer finds it finished and records nothing. */
function finishSend(ctx: HandlerContext, send: PendingSend, o: Outcome, now: number): void {
  const finished = ctx.updates.finish(send.id, {
    status: o.ok ? 'delivered' : 'failed',
    httpStatus: o.httpStatus,
    detail: o.ok ? null : reasonOf(o),
    durationMs: o.durationMs,
    at: now
  })
  if (!finished) return
  const stage = `“${UPDATE_STAGE_LABELS[send.stage]}”`
  const host = send.host ?? 'the webhook'
  record(ctx, {
    releaseId: send.releaseId,
    kind: o.ok ? 'update.delivered' : 'update.failed',
    actor: null,
    summary: o.ok
      ? `The ${stage} update reached ${host} (HTTP ${o.httpStatus}${o.durationMs !== null ? ` in ${o.durationMs} ms` : ''})`
      : `The ${stage} update did not reach ${host}: ${reasonOf(o)}`,
    data: { sendId: send.id, stage: send.stage, host: send.host, ok: o.ok, httpStatus: o.httpStatus, durationMs: o.durationMs, detail: o.ok ? null : reasonOf(o) }
  })
}

/**
 * Posts accepted stakeholder updates to their release's webhook, after the call that accepted them has committed.
 * Each send runs on its own with a timeout, so a webhook that fails or hangs holds up nothing else: not the room,
 * not other calls, not other releases' sends. The address is read (and decrypted) just before posting and is never
 * written anywhere; a failure's reason names only the host.
 */
export function startUpdateService(room: WarRoom, options: UpdateServiceOptions = {}): void {
  const post = options.post ?? postStepAction
  const timeoutMs = options.timeoutMs ?? 10_000
  const inFlight = new Set<string>()
  let stopped = false

  const guarded = (what: string, work: () => void) => {
    try {
      work()
    } catch (e) {
      console.error(`update service: ${what} failed`, e)
    }
  }
  const finish = (send: PendingSend, o: Outcome) =>
    guarded('recording a send', () => room.transact((ctx) => finishSend(ctx, send, o, room.clock.now())))

  /** The address to post to, or why there is none. */
  const addressOf = (send: PendingSend): { url: string } | { reason: string } => {
    const stored = room.transact((ctx) => ctx.updates.storedWebhook(send.releaseId), { writes: false })
    if (!stored) return { reason: 'the webhook was removed before the send went out' }
    if (!stored.encrypted) return { url: stored.address.toString('utf8') }
    const cipher = room.stores.secrets.cipher
    if (!cipher?.available()) return { reason: 'the webhook address is encrypted and this host cannot decrypt it (no OS key store); set the webhook again' }
    try {
      return { url: cipher.decrypt(stored.address) }
    } catch {
      return { reason: 'the webhook address could not be decrypted (the OS key store changed); set the webhook again' }
    }
  }

  const deliver = (send: PendingSend) => {
    inFlight.add(send.id)
    let target: { url: string } | { reason: string } = { reason: 'the webhook could not be read' }
    guarded('reading the webhook', () => (target = addressOf(send)))
    if ('reason' in target) {
      finish(send, { ok: false, httpStatus: null, durationMs: null, detail: target.reason })
      inFlight.delete(send.id)
      return
    }
    const { url } = target
    const host = send.host ?? 'the webhook'
    void post(url, slackPayload(send.text), timeoutMs)
      .catch((e: unknown): ActionAnswer => ({ ok: false, httpStatus: null, durationMs: 0, detail: e instanceof Error ? e.message : String(e) }))
      .then((answer) => {
        inFlight.delete(send.id)
        if (stopped) return
        // An error text could in principle quote the address; the host is all that may be written.
        const detail = answer.detail?.split(url).join(host)
        finish(send, { ok: answer.ok, httpStatus: answer.httpStatus, durationMs: answer.durationMs, detail })
      })
  }

  const wake = () => {
    if (stopped) return
    let pending: PendingSend[] = []
    guarded('listing sends', () => (pending = room.transact((ctx) => ctx.updates.pending(), { writes: false })))
    for (const send of pending) if (!inFlight.has(send.id)) deliver(send)
  }

  // Sends a previous run accepted but never finished: whether they arrived is unknown, so they are not sent twice.
  guarded('closing left-over sends', () =>
    room.transact((ctx) => {
      for (const send of ctx.updates.pending()) finishSend(ctx, send, { ok: false, httpStatus: null, durationMs: null, detail: LEFT_OVER }, room.clock.now())
    })
  )

  // Woken after the publishing call returns, so this service's own commits never interleave with that delivery.
  let queued = false
  const unsubscribe = room.bus.subscribe((event) => {
    if (event.type !== 'timeline.appended' || event.entry.kind !== 'update.sending' || queued) return
    queued = true
    queueMicrotask(() => {
      queued = false
      wake()
    })
  })
  room.onClose(() => {
    stopped = true
    unsubscribe()
  })
}
