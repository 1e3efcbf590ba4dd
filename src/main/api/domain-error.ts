import type { ApiErrorBody, ApiErrorCode, ApiIssue } from '../../shared/errors'

/**
 * An error a handler throws on purpose. It carries the code the hosts map to a status and a message written for the
 * person who made the call. Any other thrown value is a bug and is answered as `internal`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: ApiIssue[]
  ) {
    super(message)
    this.name = 'DomainError'
  }

  toBody(): ApiErrorBody {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message }
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super('not_found', `No ${what} with id "${id}". It may have been removed, or the id was mistyped.`)
  }
}

/** A domain rule refused the action (HTTP 409). The message names every unmet condition. */
export class RuleViolation extends DomainError {
  constructor(message: string, issues?: ApiIssue[]) {
    super('rule_violation', message, issues)
  }
}
