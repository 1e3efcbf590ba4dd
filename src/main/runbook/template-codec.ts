import { LineCounter, parseDocument, stringify, isNode } from 'yaml'
import { runbookTemplateSchema, type RunbookTemplate } from '../../shared/runbook'
import type { ApiIssue } from '../../shared/errors'
import { ImportError } from './import-error'

export type TemplateFormat = 'json' | 'yaml'

/**
 * Reads a template from JSON or YAML. Both go through the YAML parser (JSON is a subset of YAML 1.2), because it
 * keeps every value's position: a schema error can then say "items.3.ownerRole (line 41)" instead of only a path.
 */
export function parseTemplate(content: string, format: TemplateFormat): RunbookTemplate {
  const lineCounter = new LineCounter()
  const doc = parseDocument(content, { lineCounter, prettyErrors: false, uniqueKeys: true })
  if (doc.errors.length) {
    const issues = doc.errors.map((e) => ({ path: `line ${lineCounter.linePos(e.pos[0]).line}`, message: e.message.split('\n')[0] }))
    throw new ImportError(`The ${format.toUpperCase()} template`, issues)
  }
  const parsed = runbookTemplateSchema.safeParse(doc.toJS())
  if (parsed.success) return parsed.data
  const issues: ApiIssue[] = parsed.error.issues.map((i) => {
    const path = i.path.map(String)
    let node = doc.getIn(i.path as (string | number)[], true)
    // A missing field has no node of its own; point at the object that lacks it.
    for (let up = i.path.length - 1; !isNode(node) && up >= 0; up--) node = doc.getIn(i.path.slice(0, up) as (string | number)[], true)
    const line = isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : undefined
    return { path: path.join('.') + (line ? ` (line ${line})` : ''), message: i.message }
  })
  throw new ImportError(`The ${format.toUpperCase()} template`, issues)
}

export function serializeTemplate(t: RunbookTemplate, format: TemplateFormat): string {
  return format === 'json' ? `${JSON.stringify(t, null, 2)}\n` : stringify(t, { lineWidth: 120 })
}
