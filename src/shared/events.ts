import type { Release } from './release'

/**
 * Every domain event, as the event stream carries it. `seq` orders events within one host's lifetime;
 * a client that reconnects refetches instead of replaying.
 */
export type DomainEvent = { seq: number; at: string } & DomainEventBody

export type DomainEventBody = { type: 'release.created'; release: Release } | { type: 'release.updated'; release: Release }

export type DomainEventType = DomainEventBody['type']
