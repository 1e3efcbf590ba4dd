import { UPDATE_FIELDS, UPDATE_FIELD_NAMES, isUpdateField, type UpdateFieldName, type UpdateSource } from './update-fields'

/**
 * A stakeholder update template: text with named fields in braces, "{service} {version} is live". `{{` and `}}`
 * write a literal brace. A template is checked when it is saved, so a typo is refused then, not discovered in the
 * middle of a rollback; rendering a checked template cannot fail.
 */
export type TemplatePart = { text: string } | { field: UpdateFieldName }

export interface TemplateProblem {
  /** Character offset of the problem in the template, for the editor to point at. */
  at: number
  message: string
}

export type ParsedTemplate = { ok: true; parts: TemplatePart[] } | { ok: false; problems: TemplateProblem[] }

const NAME = /^[A-Za-z][A-Za-z0-9]*$/

/** Edit distance, for "did you mean {service}?" on a misspelt field. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const keep = row[j]
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1))
      prev = keep
    }
  }
  return row[b.length]
}

function suggestionFor(name: string): string {
  const best = UPDATE_FIELD_NAMES.map((f) => ({ f, d: distance(name, f) })).sort((x, y) => x.d - y.d)[0]
  return best && best.d <= 2 ? ` Did you mean {${best.f}}?` : ''
}

export const FIELD_LIST = UPDATE_FIELD_NAMES.map((f) => `{${f}}`).join(', ')

export function parseTemplate(body: string): ParsedTemplate {
  const parts: TemplatePart[] = []
  const problems: TemplateProblem[] = []
  let text = ''
  let i = 0
  while (i < body.length) {
    const c = body[i]
    if ((c === '{' || c === '}') && body[i + 1] === c) {
      text += c
      i += 2
      continue
    }
    if (c === '}') {
      problems.push({ at: i, message: `The "}" at character ${i + 1} closes no field; write }} for a literal brace.` })
      i += 1
      continue
    }
    if (c !== '{') {
      text += c
      i += 1
      continue
    }
    const close = body.indexOf('}', i + 1)
    const nextOpen = body.indexOf('{', i + 1)
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      problems.push({ at: i, message: `The "{" at character ${i + 1} is not closed; close the field with }, or write {{ for a literal brace.` })
      i += 1
      continue
    }
    const name = body.slice(i + 1, close).trim()
    if (!NAME.test(name)) {
      problems.push({ at: i, message: `"{${body.slice(i + 1, close)}}" at character ${i + 1} is not a field name; fields are single words such as {service}.` })
    } else if (!isUpdateField(name)) {
      problems.push({ at: i, message: `Unknown field {${name}} at character ${i + 1}.${suggestionFor(name)} Fields you can use: ${FIELD_LIST}.` })
    } else {
      if (text) parts.push({ text })
      text = ''
      parts.push({ field: name })
    }
    i = close + 1
  }
  if (text) parts.push({ text })
  return problems.length ? { ok: false, problems } : { ok: true, parts }
}

/** The message: each field filled from the room as it stands at `now`. Pure: same room, same time, same text. */
export function renderParts(parts: readonly TemplatePart[], room: UpdateSource, now: number): string {
  const cache = new Map<UpdateFieldName, string>()
  return parts
    .map((p) => {
      if ('text' in p) return p.text
      let v = cache.get(p.field)
      if (v === undefined) {
        v = UPDATE_FIELDS[p.field].value(room, now)
        cache.set(p.field, v)
      }
      return v
    })
    .join('')
}

/**
 * Renders a template, or names what is wrong with it. Templates are checked when saved, so a stored one always
 * renders; a draft in the editor may not, and its problems are shown instead of a preview.
 */
export function renderTemplate(body: string, room: UpdateSource, now: number): { ok: true; text: string } | { ok: false; problems: TemplateProblem[] } {
  const parsed = parseTemplate(body)
  return parsed.ok ? { ok: true, text: renderParts(parsed.parts, room, now) } : parsed
}
