import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_FOLDER = 'release-war-room'
export const DB_FILE = 'warroom.sqlite'

/** The platform's application-data folder, as Electron's `userData` would pick it. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER)
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), APP_FOLDER)
}

/** `--data-dir`, else `WARROOM_DATA_DIR`, else the platform's folder. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag || env.WARROOM_DATA_DIR || defaultDataDir(env)
}
