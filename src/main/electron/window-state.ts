import { readFileSync, writeFileSync, renameSync } from 'node:fs'
import { z } from 'zod'

const boundsSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(640).max(20000),
  height: z.number().int().min(480).max(20000),
  maximized: z.boolean().default(false)
})
export type WindowState = z.infer<typeof boundsSchema>

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1440, height: 900, maximized: false }

export interface DisplayArea {
  x: number
  y: number
  width: number
  height: number
}

/** The saved size and position, or the default when the file is missing, unreadable or from a display now gone. */
export function loadWindowState(file: string, displays: DisplayArea[]): WindowState {
  let state: WindowState
  try {
    state = boundsSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
  } catch {
    return DEFAULT_WINDOW_STATE
  }
  if (state.x === undefined || state.y === undefined) return state
  const { x, y } = state
  const visible = displays.some((d) => x >= d.x - 50 && y >= d.y - 50 && x < d.x + d.width - 100 && y < d.y + d.height - 100)
  return visible ? state : { width: state.width, height: state.height, maximized: state.maximized }
}

/** Written to a temporary file and renamed, so a crash mid-write leaves the old state rather than half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(state))
  renameSync(`${file}.tmp`, file)
}
