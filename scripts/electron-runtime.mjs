// Where Electron's runtime is, if it is installed. Its binary is fetched by electron's own postinstall from outside
// the npm registry; package.json denies that script (allowScripts), so on machines that cannot reach the download
// the package is present but the runtime is not.
import { createRequire } from 'node:module'
import { existsSync } from 'node:fs'

const require = createRequire(import.meta.url)

/** @returns {{ ok: true, binary: string, version: string } | { ok: false, reason: string }} */
export function findElectronRuntime() {
  let version
  try {
    version = require('electron/package.json').version
  } catch {
    return { ok: false, reason: 'the electron package is not installed' }
  }
  try {
    const binary = require('electron')
    if (typeof binary === 'string' && existsSync(binary)) return { ok: true, binary, version }
    return { ok: false, reason: `Electron ${version}'s runtime binary is missing` }
  } catch {
    return { ok: false, reason: `Electron ${version}'s runtime has not been downloaded` }
  }
}
