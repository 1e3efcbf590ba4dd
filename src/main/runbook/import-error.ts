import { DomainError } from '../api/domain-error'
import type { ApiIssue } from '../../shared/errors'

/** A file that could not be imported. Nothing from it was saved; each issue names the line or field to fix. */
export class ImportError extends DomainError {
  constructor(what: string, issues: ApiIssue[]) {
    const shown = issues.slice(0, 5).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
    super('invalid_input', `${what} was not imported, and nothing was saved. ${shown.join('; ')}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''}.`, issues)
  }
}
