import type { Input, MethodName, Result } from '../../../shared/api'
import type { ApiErrorBody } from '../../../shared/errors'
import type { DomainEvent } from '../../../shared/events'

export type ConnectionState = 'connecting' | 'live' | 'reconnecting'

/**
 * The renderer's one view of the war room, whichever host it runs in: Electron's IPC bridge or HTTP with
 * Server-Sent Events. Stores depend on this, never on a transport.
 */
export interface WarRoomClient {
  readonly transport: 'electron' | 'http'
  call<M extends MethodName>(method: M, input: Input<M>): Promise<Result<M>>
  subscribe(listener: (event: DomainEvent) => void): () => void
  /** Called on every (re)connection, so stores can refetch what they may have missed while disconnected. */
  onConnection(listener: (state: ConnectionState) => void): () => void
}

/** A refused or failed call, with the host's code, its sentence for a person, and any per-field issues. */
export class ApiError extends Error {
  readonly code: ApiErrorBody['code']
  readonly issues: NonNullable<ApiErrorBody['issues']>

  constructor(body: ApiErrorBody) {
    super(body.message)
    this.name = 'ApiError'
    this.code = body.code
    this.issues = body.issues ?? []
  }
}
