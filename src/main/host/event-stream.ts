import type { ServerResponse } from 'node:http'
import type { EventBus } from '../api/event-bus'

/** Past this much unsent data a client is too slow to keep up; it is dropped and will reconnect and refetch. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024
const HEARTBEAT_MS = 15_000

/** Server-Sent Events connections: each committed domain event goes to every client as one JSON message. */
export class EventStream {
  private readonly clients = new Set<ServerResponse>()
  private readonly unsubscribe: () => void
  private readonly heartbeat: NodeJS.Timeout

  constructor(bus: EventBus) {
    this.unsubscribe = bus.subscribe((event) => {
      const frame = `id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`
      for (const res of this.clients) this.send(res, frame)
    })
    this.heartbeat = setInterval(() => {
      for (const res of this.clients) this.send(res, ': keep-alive\n\n')
    }, HEARTBEAT_MS)
    this.heartbeat.unref()
  }

  attach(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no'
    })
    res.write('retry: 1000\n: connected\n\n')
    this.clients.add(res)
    res.on('close', () => this.clients.delete(res))
  }

  get size(): number {
    return this.clients.size
  }

  close(): void {
    clearInterval(this.heartbeat)
    this.unsubscribe()
    for (const res of this.clients) res.end()
    this.clients.clear()
  }

  private send(res: ServerResponse, frame: string): void {
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      res.destroy()
      this.clients.delete(res)
      return
    }
    res.write(frame)
  }
}
