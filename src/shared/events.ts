import type { Release } from './release'
import type { TimelineEntry } from './timeline'
import type { RolloutEventBody } from './events-rollout'
import type { SignalEventBody } from './events-signals'

/**
 * Every domain event, as the event stream carries it. `seq` orders events within one host's lifetime;
 * a client that reconnects refetches instead of replaying.
 */
export type DomainEvent = { seq: number; at: string } & DomainEventBody

/**
 * Every change to a release is written to its timeline, so `timeline.appended` is the one signal that a room
 * changed: clients append the entry and refetch the room. `release.*` keeps release lists current.
 */
export type DomainEventBody =
  | { type: 'release.created'; release: Release }
  | { type: 'release.updated'; release: Release }
  | { type: 'timeline.appended'; entry: TimelineEntry }
  | RolloutEventBody
  | SignalEventBody

export type DomainEventType = DomainEventBody['type']
