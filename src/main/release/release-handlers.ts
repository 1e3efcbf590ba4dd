import type { Handler } from '../api/handlers'
import { NotFoundError } from '../api/domain-error'

const create: Handler<'releases.create'> = (input, ctx) => {
  const release = ctx.releases.insert({
    title: input.title,
    service: input.service,
    version: input.version,
    environment: input.environment ?? 'production',
    strategy: input.strategy,
    owner: input.owner,
    windowStart: input.windowStart ? new Date(input.windowStart).toISOString() : null,
    windowEnd: input.windowEnd ? new Date(input.windowEnd).toISOString() : null,
    createdBy: input.actor,
    at: new Date(ctx.clock.now()).toISOString()
  })
  ctx.emit({ type: 'release.created', release })
  return release
}

const list: Handler<'releases.list'> = (_input, ctx) => ctx.releases.list()

const get: Handler<'releases.get'> = (input, ctx) => {
  const release = ctx.releases.get(input.releaseId)
  if (!release) throw new NotFoundError('release', input.releaseId)
  return release
}

export const releaseHandlers = {
  'releases.create': create,
  'releases.list': list,
  'releases.get': get
}
