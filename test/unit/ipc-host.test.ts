import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { IPC_EVENT, IPC_INVOKE } from '../../src/shared/ipc'
import type { DomainEvent } from '../../src/shared/events'
import { registerIpcHost, type InvokeEventLike, type IpcMainLike } from '../../src/main/electron/ipc-host'
import { countRows, testRoom } from '../support/room'
import { releaseInput } from '../support/fixtures'

const APP_URL = 'file:///opt/warroom/out/renderer/index.html'

/** Stands in for Electron's ipcMain: records the handler so the test can invoke it as the renderer would. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>()
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`)
    this.handlers.set(channel, listener)
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel)
  }
  invoke(frame: InvokeEventLike['senderFrame'], ...args: unknown[]) {
    return this.handlers.get(IPC_INVOKE)!({ senderFrame: frame }, ...args)
  }
}

const topFrame = (url = APP_URL) => ({ url, parent: null })

let t: ReturnType<typeof testRoom>
let ipc: FakeIpcMain
let host: ReturnType<typeof registerIpcHost>
beforeEach(() => {
  t = testRoom()
  ipc = new FakeIpcMain()
  host = registerIpcHost(ipc, t.room, (url) => url === APP_URL)
})
afterEach(() => t.dispose())

describe('Electron IPC host', () => {
  it('serves a contract method to the app window', () => {
    const out = ipc.invoke(topFrame(), 'releases.create', releaseInput())
    expect(out).toMatchObject({ ok: true, value: { status: 'planning' } })
    expect(countRows(t.room, 'releases')).toBe(1)
  })

  it('refuses a frame loaded from elsewhere before any handler runs', () => {
    const out = ipc.invoke(topFrame('https://evil.example/'), 'releases.create', releaseInput())
    expect(out).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(countRows(t.room, 'releases')).toBe(0)
  })

  it('refuses a subframe, even one from our own origin', () => {
    const out = ipc.invoke({ url: APP_URL, parent: topFrame() }, 'releases.list', {})
    expect(out).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('refuses a missing sender frame (the frame navigated away or was destroyed)', () => {
    expect(ipc.invoke(null, 'releases.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('refuses an unknown method name and a non-string method', () => {
    expect(ipc.invoke(topFrame(), 'shell.exec', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } })
    expect(ipc.invoke(topFrame(), 42, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } })
  })

  it('refuses invalid input with the same issues the browser host gives, and writes nothing', () => {
    const out = ipc.invoke(topFrame(), 'releases.create', { ...releaseInput(), owner: '' })
    expect(out).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'owner' }] } })
    expect(countRows(t.room, 'releases')).toBe(0)
  })

  it('forwards committed events to an attached window until it is destroyed', () => {
    const sent: [string, DomainEvent][] = []
    let destroyed = false
    host.attach({ send: (channel, e) => sent.push([channel, e]), isDestroyed: () => destroyed })
    ipc.invoke(topFrame(), 'releases.create', releaseInput())
    expect(sent.map(([c, e]) => [c, e.type])).toEqual([
      [IPC_EVENT, 'timeline.appended'],
      [IPC_EVENT, 'release.created']
    ])
    destroyed = true
    ipc.invoke(topFrame(), 'releases.create', releaseInput())
    expect(sent).toHaveLength(2)
  })

  it('removes its handler on dispose', () => {
    host.dispose()
    expect(ipc.handlers.has(IPC_INVOKE)).toBe(false)
  })
})
