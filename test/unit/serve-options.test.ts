import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { parseServeOptions, ServeUsageError } from '../../src/main/host/serve-options'
import { defaultDataDir } from '../../src/main/data-dir'

const env = { HOME: '/home/dana', XDG_DATA_HOME: '/home/dana/.data' }

describe('serve options', () => {
  it('binds 127.0.0.1:5217 without a token by default', () => {
    expect(parseServeOptions([], env)).toEqual({
      port: 5217,
      host: '127.0.0.1',
      dataDir: join('/home/dana/.data', 'release-war-room'),
      token: undefined,
      tokenGenerated: false,
      demo: true
    })
  })

  it('takes --data-dir over WARROOM_DATA_DIR over the platform folder', () => {
    expect(parseServeOptions(['--data-dir', '/x'], { ...env, WARROOM_DATA_DIR: '/y' }).dataDir).toBe('/x')
    expect(parseServeOptions([], { ...env, WARROOM_DATA_DIR: '/y' }).dataDir).toBe('/y')
  })

  it('generates a token when bound off loopback without one', () => {
    const o = parseServeOptions(['--host', '0.0.0.0'], env)
    expect(o.tokenGenerated).toBe(true)
    expect(o.token).toMatch(/^[\w-]{20,}$/)
  })

  it('keeps a given token, and needs none on loopback', () => {
    expect(parseServeOptions(['--host', '0.0.0.0', '--token', 'abc'], env)).toMatchObject({ token: 'abc', tokenGenerated: false })
    expect(parseServeOptions(['--host', 'localhost'], env).token).toBeUndefined()
  })

  it('explains a bad port or an unknown flag', () => {
    expect(() => parseServeOptions(['--port', 'http'], env)).toThrow(ServeUsageError)
    expect(() => parseServeOptions(['--port', 'http'], env)).toThrow(/--port must be a whole number/)
    expect(() => parseServeOptions(['--prot', '1'], env)).toThrow(/Usage: npm run serve/)
  })

  it('turns the demo release off with --no-demo or WARROOM_DEMO=0', () => {
    expect(parseServeOptions(['--no-demo'], env).demo).toBe(false)
    expect(parseServeOptions([], { ...env, WARROOM_DEMO: '0' }).demo).toBe(false)
  })
})

describe('default data folder', () => {
  it('follows each platform’s convention', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\d\\AppData\\Roaming' }, 'win32')).toContain('release-war-room')
    expect(defaultDataDir({}, 'darwin')).toContain(join('Library', 'Application Support', 'release-war-room'))
    expect(defaultDataDir({ XDG_DATA_HOME: '/d' }, 'linux')).toBe(join('/d', 'release-war-room'))
  })
})
