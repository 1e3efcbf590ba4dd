import type { z } from 'zod'
import { api, isMethodName, type MethodName } from '../../shared/api'
import type { ApiIssue, CallOutcome } from '../../shared/errors'
import type { DomainEventBody } from '../../shared/events'
import { DomainError } from './domain-error'
import type { EventBus } from './event-bus'
import type { HandlerContext } from './handler-context'
import { handlers as defaultHandlers, type HandlerTable } from './handlers'

export function issuesOf(error: z.ZodError): ApiIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
}

function describeIssues(issues: ApiIssue[]): string {
  const parts = issues.slice(0, 5).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''
  return `Input not accepted. ${parts.join('; ')}${more}.`
}

export type Dispatch = (method: string, input: unknown) => CallOutcome<unknown>

/** Runs work against the stores: in one transaction when it writes, with its events published only after commit. */
export type Transact = <T>(work: (ctx: HandlerContext) => T, options?: { writes?: boolean }) => T

export function createTransact(ctx: Omit<HandlerContext, 'emit'>, bus: EventBus): Transact {
  return (work, options = {}) => {
    const pending: DomainEventBody[] = []
    const handlerCtx: HandlerContext = { ...ctx, emit: (e) => pending.push(e) }
    const value = options.writes === false ? work(handlerCtx) : ctx.db.transaction(() => work(handlerCtx)).immediate()
    for (const e of pending) bus.publish(e)
    return value
  }
}

/**
 * The single entry both hosts call. Order matters and is the same for every caller: the method name is checked, then
 * the input against its schema, and only then does a handler run. A mutating handler runs inside one transaction and
 * its events are published after the commit, so a refused or failed call writes nothing and announces nothing.
 */
export function createDispatch(
  ctx: Omit<HandlerContext, 'emit'>,
  bus: EventBus,
  handlers: HandlerTable = defaultHandlers,
  transact: Transact = createTransact(ctx, bus)
): Dispatch {
  return (method, rawInput) => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'unknown_method', message: `There is no API method called "${method}".` } }
    }
    const spec = api[method]
    const parsed = spec.input.safeParse(rawInput ?? {})
    if (!parsed.success) {
      const issues = issuesOf(parsed.error)
      return { ok: false, error: { code: 'invalid_input', message: describeIssues(issues), issues } }
    }
    const handler = handlers[method] as (input: unknown, c: HandlerContext) => unknown
    try {
      const value = transact((c) => handler(parsed.data, c), { writes: spec.mutates })
      return { ok: true, value }
    } catch (e) {
      if (e instanceof DomainError) return { ok: false, error: e.toBody() }
      console.error(`${method} failed`, e)
      return { ok: false, error: { code: 'internal', message: `${method} failed inside the war room; nothing was saved. Details are in the host's log.` } }
    }
  }
}

export type { MethodName }
