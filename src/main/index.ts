/**
 * The Electron entry: the only module in src/main that may import `electron`. It builds the window and wires the
 * IPC host; everything it serves lives in plain-Node modules.
 */
import { app, BrowserWindow, dialog, ipcMain, safeStorage, screen, session, shell } from 'electron'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { systemClock } from './clock'
import { DB_FILE } from './data-dir'
import { seedDemoRelease } from './demo/demo-release'
import { startDemoEndpoint } from './demo/demo-endpoint'
import { startRoomServices } from './room-services'
import { registerIpcHost } from './electron/ipc-host'
import { registerPdfExport } from './electron/pdf-export'
import { loadWindowState, saveWindowState } from './electron/window-state'
import { openWarRoom } from './war-room'
import type { SecretCipher } from './secrets/secret-cipher'

const here = fileURLToPath(new URL('.', import.meta.url))
const rendererIndex = join(here, '../renderer/index.html')
const devServerUrl = process.env.ELECTRON_RENDERER_URL

function isTrustedUrl(url: string): boolean {
  if (devServerUrl) return url.startsWith(devServerUrl)
  return url.split('#')[0].split('?')[0] === pathToFileURL(rendererIndex).href
}

/**
 * Signal credentials are encrypted with the OS key store (Keychain, DPAPI, Secret Service or KWallet) before they reach
 * SQLite. Linux's 'basic_text' fallback encrypts with a password compiled into Chromium, which protects nothing, so it
 * counts as unavailable and the room asks for an environment variable instead.
 */
const safeStorageCipher: SecretCipher = {
  available: () =>
    safeStorage.isEncryptionAvailable() && !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'),
  encrypt: (text) => safeStorage.encryptString(text),
  decrypt: (buf) => safeStorage.decryptString(buf)
}

function createWindow(ipcHost: ReturnType<typeof registerIpcHost>): void {
  const stateFile = join(app.getPath('userData'), 'window-state.json')
  const state = loadWindowState(stateFile, screen.getAllDisplays().map((d) => d.workArea))
  const win = new BrowserWindow({
    ...state,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#0e1116',
    title: 'Release War Room',
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // A middle click would otherwise open a link in a new window, around setWindowOpenHandler.
      disableBlinkFeatures: 'Auxclick'
    }
  })
  if (state.maximized) win.maximize()
  win.once('ready-to-show', () => win.show())

  const detach = ipcHost.attach(win.webContents)
  const remember = () => {
    if (win.isDestroyed()) return
    saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() })
  }
  win.on('close', remember)
  win.on('closed', detach)

  // The room never navigates away or opens windows; links to the outside open in the system browser.
  win.webContents.on('will-navigate', (e, url) => {
    if (!isTrustedUrl(url)) e.preventDefault()
  })
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })

  if (devServerUrl) void win.loadURL(devServerUrl)
  else void win.loadFile(rendererIndex)
}

async function main(): Promise<void> {
  await app.whenReady()
  const dataDir = process.env.WARROOM_DATA_DIR || app.getPath('userData')
  mkdirSync(dataDir, { recursive: true })
  const dbPath = join(dataDir, DB_FILE)
  const firstRun = !existsSync(dbPath)
  // Electron runs Node with its own ABI, so it loads its own build of the SQLite addon (see scripts/electron-native.mjs).
  const room = openWarRoom({ dbPath, nativeBinding: process.env.WARROOM_SQLITE_BINDING || undefined })
  if (firstRun && process.env.WARROOM_DEMO !== '0') seedDemoRelease(room, systemClock)
  // The demo's metrics endpoint starts (and its signals are re-pointed at it) before the poller reads them.
  const demo = await startDemoEndpoint(room)
  if (demo) room.onClose(() => void demo.close())
  await startRoomServices(room, { cipher: safeStorageCipher })

  // The room asks for one permission, desktop notifications, and only from its own page.
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) => {
    callback(permission === 'notifications' && isTrustedUrl(contents.getURL()))
  })
  session.defaultSession.setPermissionCheckHandler(
    (contents, permission) => permission === 'notifications' && !!contents && isTrustedUrl(contents.getURL())
  )
  const ipcHost = registerIpcHost(ipcMain, room, isTrustedUrl)
  const stopPdfExport = registerPdfExport(ipcMain, dialog, isTrustedUrl)
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (ev) => ev.preventDefault())
  })
  createWindow(ipcHost)
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(ipcHost)
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => {
    ipcHost.dispose()
    stopPdfExport()
    room.close()
  })
}

main().catch((e) => {
  console.error('Release War Room could not start:', e)
  app.exit(1)
})
