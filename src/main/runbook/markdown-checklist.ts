import { PHASES, PHASE_LABELS, type Phase, type TemplateItem } from '../../shared/runbook'
import { ROLES, type Role } from '../../shared/roles'
import type { ApiIssue } from '../../shared/errors'
import { ImportError } from './import-error'

const TASK = /^\s*[-*+]\s+\[( |x|X)\]\s+(.*)$/
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/
const LIST_ITEM = /^\s*[-*+]\s+/

function phaseOf(heading: string): Phase | undefined {
  const h = heading.trim().toLowerCase()
  return PHASES.find((p) => p === h || PHASE_LABELS[p].toLowerCase() === h || PHASE_LABELS[p].toLowerCase().startsWith(h))
}

export function slugOf(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'item'
  )
}

/**
 * Reads a Markdown task list such as `- [ ] Backups verified @sre`. A heading names the phase of the tasks under it
 * (`## Pre-deployment checks` or `## pre-deployment`); `(optional)` marks an item as not required; text after
 * ` -- ` or ` — ` is the reason it matters. Prose between lists is ignored; a task or heading it cannot read is an
 * error naming its line, and then nothing is imported.
 */
export function parseMarkdownChecklist(content: string, defaultPhase: Phase = 'pre-deployment'): TemplateItem[] {
  const items: TemplateItem[] = []
  const issues: ApiIssue[] = []
  let phase: Phase = defaultPhase
  // A heading that names no phase is fine as a title, and an error only once tasks sit under it.
  let unknownHeading: { text: string; line: number; reported: boolean } | undefined
  content.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1
    const heading = HEADING.exec(raw)
    if (heading) {
      const p = phaseOf(heading[1])
      if (p) {
        phase = p
        unknownHeading = undefined
      } else unknownHeading = { text: heading[1], line, reported: false }
      return
    }
    const task = TASK.exec(raw)
    if (!task) {
      if (LIST_ITEM.test(raw)) issues.push({ path: `line ${line}`, message: 'a list item must be a task: start it with "- [ ] "' })
      return
    }
    if (unknownHeading) {
      if (!unknownHeading.reported) {
        issues.push({ path: `line ${unknownHeading.line}`, message: `heading "${unknownHeading.text}" is not a phase; use one of: ${PHASES.join(', ')}` })
        unknownHeading.reported = true
      }
      return
    }
    let text = task[2]
    let why = ''
    const split = text.split(/\s+(?:--|—)\s+/)
    if (split.length > 1) {
      text = split[0]
      why = split.slice(1).join(' — ').trim()
    }
    const optional = /\(optional\)/i.test(text)
    text = text.replace(/\(optional\)/gi, '')
    const roles = [...text.matchAll(/(^|\s)@([a-z-]+)/g)].map((m) => m[2])
    const title = text.replace(/(^|\s)@[a-z-]+/g, ' ').replace(/\s+/g, ' ').trim()
    if (!title) return void issues.push({ path: `line ${line}`, message: 'the task has no title' })
    if (roles.length !== 1) {
      return void issues.push({ path: `line ${line}`, message: `say who owns "${title}" with exactly one @role (${ROLES.join(', ')})` })
    }
    if (!(ROLES as readonly string[]).includes(roles[0])) {
      return void issues.push({ path: `line ${line}`, message: `@${roles[0]} is not a role; use one of: ${ROLES.join(', ')}` })
    }
    items.push({ key: slugOf(title), phase, title: title.slice(0, 200), why, ownerRole: roles[0] as Role, required: !optional })
  })
  if (issues.length) throw new ImportError('The Markdown checklist', issues)
  if (items.length === 0) throw new ImportError('The Markdown checklist', [{ path: '', message: 'it holds no tasks like "- [ ] Backups verified @sre"' }])
  return items
}
