import type { DomainEvent } from '../../src/shared/events'

/**
 * Reads a Server-Sent Events stream with fetch, as a second client would, and resolves waiters as events arrive.
 * No polling and no sleeps: `next` resolves on the event itself or rejects at its deadline.
 */
export async function openEventStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController()
  const res = await fetch(url, { headers, signal: controller.signal })
  const received: DomainEvent[] = []
  const waiters: { match: (e: DomainEvent) => boolean; resolve: (e: DomainEvent) => void }[] = []
  if (res.ok && res.body) {
    void (async () => {
      const decoder = new TextDecoder()
      let buffer = ''
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true })
          let cut: number
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, cut)
            buffer = buffer.slice(cut + 2)
            const data = frame
              .split('\n')
              .filter((l) => l.startsWith('data: '))
              .map((l) => l.slice(6))
              .join('\n')
            if (!data) continue
            const event = JSON.parse(data) as DomainEvent
            received.push(event)
            for (const w of [...waiters]) {
              if (w.match(event)) {
                waiters.splice(waiters.indexOf(w), 1)
                w.resolve(event)
              }
            }
          }
        }
      } catch {
        // aborted by close()
      }
    })()
  }
  return {
    status: res.status,
    received,
    next(match: (e: DomainEvent) => boolean, timeoutMs = 2000): Promise<DomainEvent> {
      const seen = received.find(match)
      if (seen) return Promise.resolve(seen)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms`)), timeoutMs)
        waiters.push({ match, resolve: (e) => (clearTimeout(timer), resolve(e)) })
      })
    },
    close: () => controller.abort()
  }
}
