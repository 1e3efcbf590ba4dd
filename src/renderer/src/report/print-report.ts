import type { PdfSaveOutcome } from '../../../shared/ipc'

/**
 * "Save as PDF": the desktop app prints the window with Electron's printToPDF and asks where to save it; a browser
 * opens its own print dialog, where "Save as PDF" is a destination. Both print the same view under the print CSS.
 */
export async function printReport(defaultName: string, win: Pick<Window, 'print' | 'warroom'> = window): Promise<PdfSaveOutcome | 'browser-dialog'> {
  if (win.warroom?.printToPdf) return win.warroom.printToPdf(defaultName)
  win.print()
  return 'browser-dialog'
}
