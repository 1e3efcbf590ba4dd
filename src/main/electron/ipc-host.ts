import { IPC_EVENT, IPC_INVOKE } from '../../shared/ipc'
import type { CallOutcome } from '../../shared/errors'
import type { DomainEvent } from '../../shared/events'
import type { WarRoom } from '../war-room'

/** The part of a frame the host inspects. Electron's `WebFrameMain` has it; so does a test's fake. */
export interface FrameLike {
  url: string
  parent: unknown
}

export interface InvokeEventLike {
  senderFrame: FrameLike | null
}

/** The slice of Electron's `ipcMain` this host uses, so it can be driven without Electron. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void
  removeHandler(channel: string): void
}

export interface EventSink {
  send(channel: string, event: DomainEvent): void
  isDestroyed(): boolean
}

/**
 * Serves the contract over IPC. The sender frame is checked first (only our window's top frame, loaded from our own
 * renderer, may call), then the method name, then the input, all before any handler runs: the same dispatch the
 * browser host calls does the last two.
 */
export function registerIpcHost(
  ipc: IpcMainLike,
  room: WarRoom,
  isTrustedUrl: (url: string) => boolean
): { attach(sink: EventSink): () => void; dispose(): void } {
  ipc.handle(IPC_INVOKE, (event, method, input): CallOutcome<unknown> => {
    const frame = event.senderFrame
    if (!frame || frame.parent || !isTrustedUrl(frame.url)) {
      return { ok: false, error: { code: 'forbidden', message: 'Only the war room window may call the war room.' } }
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'unknown_method', message: 'The method name must be a string.' } }
    }
    return room.dispatch(method, input)
  })
  return {
    attach(sink) {
      return room.bus.subscribe((e) => {
        if (!sink.isDestroyed()) sink.send(IPC_EVENT, e)
      })
    },
    dispose() {
      ipc.removeHandler(IPC_INVOKE)
    }
  }
}
