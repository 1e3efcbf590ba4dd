import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface LocalServer {
  url: string
  port: number
  /** Requests received so far, newest last. */
  requests: http.IncomingMessage[]
  /** Resolves at the next request the server receives. */
  nextRequest(): Promise<http.IncomingMessage>
  close(): Promise<void>
}

/** A real HTTP server on 127.0.0.1 with a port the OS picks, for fault tests that must cross a real socket. */
export async function localServer(handler: http.RequestListener): Promise<LocalServer> {
  const requests: http.IncomingMessage[] = []
  let waiters: Array<(req: http.IncomingMessage) => void> = []
  const server = http.createServer((req, res) => {
    requests.push(req)
    const ready = waiters
    waiters = []
    for (const w of ready) w(req)
    handler(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    nextRequest: () => new Promise((resolve) => waiters.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** A loopback port with nothing listening on it: bound once by the OS, then released. */
export async function closedPort(): Promise<number> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
