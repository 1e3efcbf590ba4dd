/** Channel names shared by the Electron main process and the preload. */
export const IPC_INVOKE = 'warroom:invoke'
export const IPC_EVENT = 'warroom:event'

/** What the preload exposes on `window.warroom`: one call, one subscription, nothing else of Electron. */
export interface WarRoomBridge {
  invoke(method: string, input: unknown): Promise<import('./errors').CallOutcome<unknown>>
  subscribe(listener: (event: import('./events').DomainEvent) => void): () => void
  /** The desktop app only: prints the window to PDF (A4) and asks where to save it. */
  printToPdf?(defaultName: string): Promise<PdfSaveOutcome>
}

/** The release report's "Save as PDF" in the desktop app, over its own channel. */
export const IPC_PRINT_PDF = 'warroom:print-pdf'

export type PdfSaveOutcome = { saved: true; path: string } | { saved: false; error?: string }
