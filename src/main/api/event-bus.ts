import type { DomainEvent, DomainEventBody } from '../../shared/events'
import type { Clock } from '../clock'

export type EventListener = (event: DomainEvent) => void

/**
 * Fans committed domain events out to every host connection. A listener that throws is dropped from this delivery
 * only; one broken client must not stop the others hearing.
 */
export class EventBus {
  private seq = 0
  private readonly listeners = new Set<EventListener>()

  constructor(private readonly clock: Clock) {}

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  publish(body: DomainEventBody): DomainEvent {
    const event = { seq: ++this.seq, at: new Date(this.clock.now()).toISOString(), ...body } as DomainEvent
    for (const l of this.listeners) {
      try {
        l(event)
      } catch (e) {
        console.error('event listener failed', e)
      }
    }
    return event
  }

  get listenerCount(): number {
    return this.listeners.size
  }
}
