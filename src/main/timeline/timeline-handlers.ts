import type { Handler } from '../api/handlers'
import { requireRelease } from '../runbook/room-state'
import { record } from './record'
import { timelineExport } from './timeline-export'

const list: Handler<'timeline.list'> = (input, ctx) => {
  requireRelease(ctx, input.releaseId)
  return ctx.timeline.list(input)
}

const verify: Handler<'timeline.verify'> = (input, ctx) => {
  requireRelease(ctx, input.releaseId)
  return ctx.timeline.verify(input.releaseId)
}

const exportTimeline: Handler<'timeline.export'> = (input, ctx) => {
  requireRelease(ctx, input.releaseId)
  return timelineExport(input.releaseId, ctx.timeline.all(input.releaseId), input.format)
}

/** Anyone in the room, observers included, may write to the record. */
const addNote: Handler<'notes.add'> = (input, ctx) => {
  requireRelease(ctx, input.releaseId)
  return record(ctx, { releaseId: input.releaseId, kind: 'note', actor: input.actor, summary: input.text })
}

export const timelineHandlers = {
  'timeline.list': list,
  'timeline.verify': verify,
  'timeline.export': exportTimeline,
  'notes.add': addNote
}
