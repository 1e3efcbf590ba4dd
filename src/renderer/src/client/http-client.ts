import type { DomainEvent } from '../../../shared/events'
import { ApiError, type ConnectionState, type WarRoomClient } from './war-room-client'
import { Listeners } from './listeners'

/**
 * The browser host's client: `POST /api/<method>` for calls and one `EventSource` on `/api/events` for events.
 * EventSource reconnects by itself; each reopening is announced so stores refetch what they missed.
 */
export function createHttpClient(base = ''): WarRoomClient {
  const events = new Listeners<DomainEvent>()
  const connection = new Listeners<ConnectionState>()
  let source: EventSource | undefined

  function ensureStream(): void {
    if (source) return
    source = new EventSource(`${base}/api/events`)
    source.onopen = () => connection.emit('live')
    source.onerror = () => connection.emit('reconnecting')
    source.onmessage = (m) => {
      try {
        events.emit(JSON.parse(m.data) as DomainEvent)
      } catch (e) {
        console.error('unreadable event', e)
      }
    }
  }

  return {
    transport: 'http',
    async call(method, input) {
      let res: Response
      try {
        res = await fetch(`${base}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input),
          credentials: 'same-origin'
        })
      } catch {
        throw new ApiError({ code: 'internal', message: 'The war room host cannot be reached. Check that it is running.' })
      }
      const body = await res.json().catch(() => undefined)
      if (!res.ok) {
        throw new ApiError(body?.error ?? { code: 'internal', message: `The host answered ${res.status} without an explanation.` })
      }
      return body
    },
    subscribe(listener) {
      ensureStream()
      return events.add(listener)
    },
    onConnection(listener) {
      ensureStream()
      return connection.add(listener)
    }
  }
}
