import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { performance } from 'node:perf_hooks'

/** What the step's HTTP POST answered: the status and how long it took go to the timeline either way. */
export interface ActionAnswer {
  ok: boolean
  httpStatus: number | null
  durationMs: number
  detail?: string
}

export type ActionPoster = (url: string, body: unknown, timeoutMs: number) => Promise<ActionAnswer>

/** Kept short: the detail is shown in the lane and written to the timeline, and a CD tool may answer with a page. */
const DETAIL_CHARS = 300

/**
 * POSTs the step's JSON to the team's URL. Any 2xx is success; anything else (a status, a refused connection, a
 * timeout) is a failure with the reason, never a thrown error, so the caller always has a result to record.
 */
export const postStepAction: ActionPoster = (url, body, timeoutMs) =>
  new Promise((resolve) => {
    const started = performance.now()
    const took = () => Math.round(performance.now() - started)
    let settled = false
    const finish = (a: ActionAnswer) => {
      if (settled) return
      settled = true
      resolve(a)
    }
    try {
      const payload = Buffer.from(JSON.stringify(body))
      const target = new URL(url)
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest
      const req = send(
        target,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': payload.length, 'user-agent': 'release-war-room' },
          timeout: timeoutMs
        },
        (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => {
            if (text.length < DETAIL_CHARS) text += chunk
          })
          res.on('error', (e) => finish({ ok: false, httpStatus: res.statusCode ?? null, durationMs: took(), detail: e.message }))
          res.on('end', () => {
            const status = res.statusCode ?? null
            const ok = status !== null && status >= 200 && status < 300
            finish({ ok, httpStatus: status, durationMs: took(), ...(ok ? {} : { detail: text.trim().slice(0, DETAIL_CHARS) || `HTTP ${status}` }) })
          })
        }
      )
      req.on('timeout', () => {
        finish({ ok: false, httpStatus: null, durationMs: took(), detail: `no answer within ${timeoutMs} ms` })
        req.destroy()
      })
      req.on('error', (e) => finish({ ok: false, httpStatus: null, durationMs: took(), detail: e.message }))
      req.end(payload)
    } catch (e) {
      finish({ ok: false, httpStatus: null, durationMs: took(), detail: e instanceof Error ? e.message : String(e) })
    }
  })
