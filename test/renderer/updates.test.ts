import { describe, expect, it } from 'vitest'
import type { Room } from '../../src/shared/room'
import type { Actor } from '../../src/shared/roles'
import type { SignalView } from '../../src/shared/room-signals'
import type { UpdateSendView } from '../../src/shared/updates'
import { canSetUp, liveRoom, previewOf, sendButton, sendLine } from '../../src/renderer/src/updates/update-panel'
import { copyText } from '../../src/renderer/src/updates/clipboard'

const NOW = Date.parse('2026-01-20T10:00:00Z')
const people = {
  'devops-lead': { name: 'Dana Okafor', role: 'devops-lead' },
  sre: { name: 'Sam Lee', role: 'sre' },
  'product-owner': { name: 'Priya Raman', role: 'product-owner' },
  observer: { name: 'Olu Ade', role: 'observer' }
} as const satisfies Record<string, Actor>

/** Only the parts of a room the panel's rules read. */
const room = {
  release: { id: 'r1', service: 'checkout', version: '2.6.0', owner: 'Dana Okafor' },
  signals: [],
  updates: { templates: [], webhook: null, sends: [], nextSendAt: null, nextRelease: null }
} as unknown as Room

const signal = (id: string, state: SignalView['status']['state'], value: number, at: number): SignalView => ({
  id,
  releaseId: 'r1',
  definition: { name: id, unit: '%' } as SignalView['definition'],
  status: { signalId: id, state, value, at },
  breaching: false,
  createdAt: ''
})

describe('the preview', () => {
  it('fills {signals} from the newest status: a live batch newer than the room wins, an older one does not', () => {
    const withSignal = { ...room, signals: [signal('error rate', 'ok', 0.01, 1000)] }
    const newer = liveRoom(withSignal, { 'error rate': { signalId: 'error rate', state: 'warn', value: 0.4, at: 2000 } })
    expect(previewOf(newer, 'production-started', '{signals}', NOW)).toEqual({ ok: true, text: 'error rate warn (0.4 %)' })
    const older = liveRoom(withSignal, { 'error rate': { signalId: 'error rate', state: 'warn', value: 0.4, at: 500 } })
    expect(previewOf(older, 'production-started', '{signals}', NOW)).toEqual({ ok: true, text: 'all signals green' })
  })

  it('shows a draft’s problems instead of a message', () => {
    const p = previewOf(room, 'scheduled', '{service} {oops', NOW)
    expect(p.ok).toBe(false)
  })
})

describe('the send button', () => {
  const hook = { host: 'hooks.slack.com', encrypted: true, setAt: '', setBy: people['product-owner'] }
  it('asks for a webhook first, keeps observers out, and counts down the rate limit', () => {
    const now = NOW
    expect(sendButton(room, people['devops-lead'], now)).toEqual({ enabled: false, label: 'Send', why: 'Set a webhook to send from here, or copy the message.' })
    const hooked = { ...room, updates: { ...room.updates, webhook: hook } }
    expect(sendButton(hooked, people['devops-lead'], now)).toEqual({ enabled: true, label: 'Send to hooks.slack.com' })
    expect(sendButton(hooked, people.observer, now)).toMatchObject({ enabled: false })
    const limited = { ...hooked, updates: { ...hooked.updates, nextSendAt: now + 12_400 } }
    expect(sendButton(limited, people.sre, now)).toMatchObject({ enabled: false, why: 'Next send possible in 13 s (at most one every 30 s and ten an hour).' })
    expect(sendButton(limited, people.sre, now + 12_400)).toMatchObject({ enabled: true })
  })

  it('offers template and webhook set-up to the roles the host accepts', () => {
    expect(canSetUp(room, people['product-owner'])).toBe(true)
    expect(canSetUp(room, people.sre)).toBe(false)
    expect(canSetUp(room, { name: 'dana okafor', role: 'sre' })).toBe(true) // the accountable owner, whatever the hat
    expect(canSetUp(room, people.observer)).toBe(false)
  })
})

describe('the recent sends list', () => {
  const base: UpdateSendView = {
    id: 's',
    stage: 'rollback',
    channel: 'webhook',
    host: 'hooks.slack.com',
    text: '…',
    requestedAt: Date.parse('2026-01-20T10:00:00Z'),
    requestedBy: { name: 'Dana Okafor', role: 'devops-lead' },
    status: 'failed',
    httpStatus: 500,
    detail: 'HTTP 500: invalid_payload',
    durationMs: 40,
    finishedAt: null
  }
  it('says how each send ended, with the reason for a failure', () => {
    expect(sendLine(base)).toMatchObject({ status: 'Failed', tone: 'bad', title: 'Rolling back → hooks.slack.com' })
    expect(sendLine(base).detail).toMatch(/Dana Okafor \(DevOps lead\) · HTTP 500: invalid_payload$/)
    expect(sendLine({ ...base, status: 'delivered', httpStatus: 200, detail: null }).detail).toMatch(/· HTTP 200, 40 ms$/)
    expect(sendLine({ ...base, channel: 'copy', host: null, status: 'copied' })).toMatchObject({ status: 'Copied', title: 'Rolling back, copied to send by hand' })
  })
})

describe('copying', () => {
  function fakeDocument(copies: boolean) {
    const copied: string[] = []
    let selected = ''
    const doc = {
      body: { appendChild: () => undefined },
      createElement: () => ({ value: '', style: {}, setAttribute: () => undefined, select() { selected = this.value }, remove: () => undefined }),
      execCommand: () => {
        if (copies) copied.push(selected)
        return copies
      }
    }
    return { doc: doc as unknown as Document, copied }
  }

  it('uses the Clipboard API where there is one', async () => {
    const written: string[] = []
    const { doc } = fakeDocument(false)
    await expect(copyText('hello', { clipboard: { writeText: async (x) => void written.push(x) } }, doc)).resolves.toBe('clipboard')
    expect(written).toEqual(['hello'])
  })

  it('falls back to the copy command without it (plain http on the LAN), or when it is denied', async () => {
    const plain = fakeDocument(true)
    await expect(copyText('over http', {}, plain.doc)).resolves.toBe('fallback')
    expect(plain.copied).toEqual(['over http'])
    const denied = fakeDocument(true)
    await expect(copyText('denied', { clipboard: { writeText: () => Promise.reject(new Error('NotAllowedError')) } }, denied.doc)).resolves.toBe('fallback')
    expect(denied.copied).toEqual(['denied'])
  })

  it('says what to do when neither works', async () => {
    await expect(copyText('x', {}, fakeDocument(false).doc)).rejects.toThrow(/Select the message and press Ctrl\+C/)
  })
})
