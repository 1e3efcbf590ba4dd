/** Channel names shared by the Electron main process and the preload. */
export const IPC_INVOKE = 'warroom:invoke'
export const IPC_EVENT = 'warroom:event'

/** What the preload exposes on `window.warroom`: one call, one subscription, nothing else of Electron. */
export interface WarRoomBridge {
  invoke(method: string, input: unknown): Promise<import('./errors').CallOutcome<unknown>>
  subscribe(listener: (event: import('./events').DomainEvent) => void): () => void
}
