/**
 * The renderer's only door into main: `invoke` for contract methods and `subscribe` for domain events. Nothing else
 * of Electron or Node crosses. Sandboxed preloads are CommonJS, which the build emits.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { IPC_EVENT, IPC_INVOKE, IPC_PRINT_PDF, type PdfSaveOutcome, type WarRoomBridge } from '../shared/ipc'
import type { DomainEvent } from '../shared/events'

const bridge: WarRoomBridge = {
  invoke: (method, input) => ipcRenderer.invoke(IPC_INVOKE, String(method), input),
  subscribe(listener) {
    const wrapped = (_e: IpcRendererEvent, event: DomainEvent) => listener(event)
    ipcRenderer.on(IPC_EVENT, wrapped)
    return () => ipcRenderer.removeListener(IPC_EVENT, wrapped)
  },
  printToPdf: (defaultName) => ipcRenderer.invoke(IPC_PRINT_PDF, String(defaultName)) as Promise<PdfSaveOutcome>
}

contextBridge.exposeInMainWorld('warroom', bridge)
