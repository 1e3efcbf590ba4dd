import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState } from '../../src/main/electron/window-state'
import { tempDir } from '../support/temp-dir'

const screen = [{ x: 0, y: 0, width: 2560, height: 1440 }]
let dir: ReturnType<typeof tempDir>
beforeEach(() => {
  dir = tempDir()
})
afterEach(() => dir.remove())

describe('window state', () => {
  it('remembers size, position and maximized across a save and load', () => {
    const file = join(dir.path, 'w.json')
    saveWindowState(file, { x: 100, y: 80, width: 1600, height: 1000, maximized: true })
    expect(loadWindowState(file, screen)).toEqual({ x: 100, y: 80, width: 1600, height: 1000, maximized: true })
  })

  it('falls back to the default when nothing was saved or the file is damaged', () => {
    expect(loadWindowState(join(dir.path, 'none.json'), screen)).toEqual(DEFAULT_WINDOW_STATE)
    const file = join(dir.path, 'bad.json')
    writeFileSync(file, '{"width": 10')
    expect(loadWindowState(file, screen)).toEqual(DEFAULT_WINDOW_STATE)
  })

  it('drops a position on a display that is no longer attached, keeping the size', () => {
    const file = join(dir.path, 'w.json')
    saveWindowState(file, { x: 4000, y: 100, width: 1200, height: 800, maximized: false })
    expect(loadWindowState(file, screen)).toEqual({ width: 1200, height: 800, maximized: false })
  })
})
