import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const SERVE = fileURLToPath(new URL('../../out/main/serve.js', import.meta.url))

export interface RunningHost {
  url: string
  port: number
  dataDir: string
  process: ChildProcess
  output: () => string
  /** SIGKILL: no shutdown code runs, as in a crash or a power cut of the process. */
  kill(): Promise<void>
  stop(): Promise<number | null>
}

/**
 * Starts the built browser host as its own process, on a free port, and resolves once it prints its listening line.
 * Waits on the host's own signal, never a sleep.
 */
export function startHost(options: { dataDir?: string; args?: string[] } = {}): Promise<RunningHost> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'warroom-e2e-'))
  const child = spawn(process.execPath, [SERVE, '--port', '0', '--data-dir', dataDir, ...(options.args ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WARROOM_DATA_DIR: '' }
  })
  let out = ''
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    let listening = false
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      const line = out.split('\n').find((l) => l.startsWith('{"event":"listening"'))
      if (!line || listening) return
      listening = true
      const { url, port } = JSON.parse(line) as { url: string; port: number }
      resolve({
        url,
        port,
        dataDir,
        process: child,
        output: () => out,
        async kill() {
          child.kill('SIGKILL')
          await exited
        },
        async stop() {
          child.kill('SIGTERM')
          return exited
        }
      })
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()))
    void exited.then((code) => reject(new Error(`host exited (${code}) before listening:\n${out}`)))
  })
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}
