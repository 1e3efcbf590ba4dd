import { afterEach, describe, expect, it } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { IPC_PRINT_PDF } from '../../../src/shared/ipc'
import { registerPdfExport, type SaveDialog } from '../../../src/main/electron/pdf-export'
import type { IpcMainLike } from '../../../src/main/electron/ipc-host'
import { tempDir } from '../../support/temp-dir'

const APP_URL = 'file:///opt/warroom/out/renderer/index.html'

type Listener = Parameters<IpcMainLike['handle']>[1]

/** Electron's ipcMain, save dialog and web contents, as far as "Save as PDF" touches them. */
function fakes(choice: { canceled: boolean; filePath?: string }) {
  const handlers = new Map<string, Listener>()
  const ipc: IpcMainLike = { handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) }
  const asked: string[] = []
  const dialog: SaveDialog = {
    showSaveDialog: async (o) => {
      asked.push(o.defaultPath)
      return choice
    }
  }
  const printed: unknown[] = []
  const sender = { printToPDF: async (o: unknown) => (printed.push(o), new TextEncoder().encode('%PDF-1.7 report')) }
  const invoke = (url: string, name: unknown, parent: unknown = null) =>
    handlers.get(IPC_PRINT_PDF)!({ senderFrame: { url, parent }, sender } as Parameters<Listener>[0], name)
  return { ipc, dialog, asked, printed, invoke, handlers }
}

let dir: ReturnType<typeof tempDir> | undefined
afterEach(() => dir?.remove())

describe('Save as PDF in the desktop app', () => {
  it('prints the window on A4 to the file the person chose', async () => {
    dir = tempDir()
    const file = join(dir.path, 'report.pdf')
    const f = fakes({ canceled: false, filePath: file })
    registerPdfExport(f.ipc, f.dialog, (u) => u === APP_URL)
    expect(await f.invoke(APP_URL, 'release-report-checkout/2.6.0')).toEqual({ saved: true, path: file })
    expect(f.asked).toEqual(['release-report-checkout-2.6.0.pdf'])
    expect(f.printed).toEqual([{ pageSize: 'A4', printBackground: true, preferCSSPageSize: true }])
    expect(readFileSync(file, 'utf8')).toBe('%PDF-1.7 report')
  })

  it('writes nothing when the dialog is cancelled, and refuses any frame but the app’s own', async () => {
    dir = tempDir()
    const f = fakes({ canceled: true })
    const stop = registerPdfExport(f.ipc, f.dialog, (u) => u === APP_URL)
    expect(await f.invoke(APP_URL, 'r')).toEqual({ saved: false })
    expect(f.printed).toEqual([])
    expect(await f.invoke('https://evil.example/', 'r')).toEqual({ saved: false, error: 'Only the war room window may print the report.' })
    expect(await f.invoke(APP_URL, 'r', { url: APP_URL })).toMatchObject({ saved: false, error: expect.any(String) })
    expect(f.asked).toHaveLength(1)
    expect(existsSync(join(dir.path, 'r.pdf'))).toBe(false)
    stop()
    expect(f.handlers.size).toBe(0)
  })
})
