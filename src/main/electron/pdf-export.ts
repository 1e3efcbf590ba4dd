import { writeFile } from 'node:fs/promises'
import { IPC_PRINT_PDF, type PdfSaveOutcome } from '../../shared/ipc'
import type { FrameLike, IpcMainLike } from './ipc-host'

/** The slices of Electron this needs, so it type-checks and reads without Electron's runtime. */
export interface PrintableContents {
  printToPDF(options: { pageSize: 'A4'; printBackground: boolean; preferCSSPageSize: boolean }): Promise<Uint8Array>
}
export interface SaveDialog {
  showSaveDialog(options: { title: string; defaultPath: string; filters: { name: string; extensions: string[] }[] }): Promise<{ canceled: boolean; filePath?: string }>
}

function pdfName(name: unknown): string {
  const base = typeof name === 'string' ? name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 120) : ''
  return `${base || 'release-report'}${base.endsWith('.pdf') ? '' : '.pdf'}`
}

/**
 * Serves "Save as PDF" for the release report: only our own window's top frame may ask; the page is printed as
 * Chromium prints it (the print CSS applies, A4), and the file goes where the person chooses.
 */
export function registerPdfExport(ipc: IpcMainLike, dialog: SaveDialog, isTrustedUrl: (url: string) => boolean): () => void {
  ipc.handle(IPC_PRINT_PDF, async (event, name): Promise<PdfSaveOutcome> => {
    const frame: FrameLike | null = event.senderFrame
    const sender = (event as { sender?: PrintableContents }).sender
    if (!frame || frame.parent || !isTrustedUrl(frame.url) || !sender) return { saved: false, error: 'Only the war room window may print the report.' }
    const choice = await dialog.showSaveDialog({ title: 'Save the release report as PDF', defaultPath: pdfName(name), filters: [{ name: 'PDF', extensions: ['pdf'] }] })
    if (choice.canceled || !choice.filePath) return { saved: false }
    try {
      const pdf = await sender.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true })
      await writeFile(choice.filePath, pdf)
      return { saved: true, path: choice.filePath }
    } catch (e) {
      return { saved: false, error: `The PDF could not be saved: ${(e as Error).message}` }
    }
  })
  return () => ipc.removeHandler(IPC_PRINT_PDF)
}
