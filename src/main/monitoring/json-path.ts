/**
 * A small path language for health endpoints: `checks.db.latencyMs`, `items[0].value`, `$["key.with.dots"]`. It is the
 * grammar `JSON_PATH_PATTERN` in shared/signal.ts accepts; nothing more (no wildcards, no filters), so a path always
 * names one value.
 */
export type PathSegment = { kind: 'key'; key: string } | { kind: 'index'; index: number }

export class JsonPathSyntaxError extends Error {
  constructor(
    readonly path: string,
    detail: string
  ) {
    super(`The JSON path "${path}" is not valid: ${detail}. Write dotted keys and [index] brackets, such as checks.db.latencyMs or items[0].value.`)
    this.name = 'JsonPathSyntaxError'
  }
}

const KEY_CHAR = /[^.[\]\s'"]/

export function parseJsonPath(path: string): PathSegment[] {
  const segments: PathSegment[] = []
  let pos = 0
  const fail = (detail: string): never => {
    throw new JsonPathSyntaxError(path, detail)
  }
  const readKey = () => {
    const from = pos
    while (pos < path.length && KEY_CHAR.test(path[pos])) pos++
    if (pos === from) fail(`a key is missing at position ${from + 1}`)
    segments.push({ kind: 'key', key: path.slice(from, pos) })
  }

  if (path.startsWith('$')) pos = 1
  else if (path.length > 0 && path[0] !== '[') readKey()
  else if (path.length === 0) fail('it is empty')

  while (pos < path.length) {
    const c = path[pos]
    if (c === '.') {
      pos++
      readKey()
    } else if (c === '[') {
      pos++
      const quote = path[pos]
      if (quote === "'" || quote === '"') {
        const close = path.indexOf(quote, pos + 1)
        if (close === -1) fail(`the quoted key at position ${pos + 1} is not closed`)
        segments.push({ kind: 'key', key: path.slice(pos + 1, close) })
        pos = close + 1
      } else {
        const from = pos
        while (pos < path.length && path[pos] >= '0' && path[pos] <= '9') pos++
        if (pos === from) fail(`expected an index or a quoted key after [ at position ${from}`)
        segments.push({ kind: 'index', index: Number(path.slice(from, pos)) })
      }
      if (path[pos] !== ']') fail(`expected ] at position ${pos + 1}`)
      pos++
    } else {
      fail(`unexpected "${c}" at position ${pos + 1}`)
    }
  }
  return segments
}

export type JsonPathOutcome = { ok: true; value: unknown } | { ok: false; message: string }

const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`)

function render(segments: readonly PathSegment[]): string {
  let out = ''
  for (const s of segments) {
    if (s.kind === 'index') out += `[${s.index}]`
    else if (/^[^.[\]\s'"]+$/.test(s.key)) out += out === '' ? s.key : `.${s.key}`
    else out += `[${JSON.stringify(s.key)}]`
  }
  return out === '' ? 'the document' : out
}

/** Walks `path` into a parsed JSON document. A miss names the segment that was not there and what was there instead. */
export function selectJsonPath(document: unknown, path: string | readonly PathSegment[]): JsonPathOutcome {
  let segments: readonly PathSegment[]
  if (typeof path === 'string') {
    try {
      segments = parseJsonPath(path)
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) }
    }
  } else {
    segments = path
  }

  let here: unknown = document
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]
    const at = render(segments.slice(0, i))
    if (segment.kind === 'index') {
      if (!Array.isArray(here)) return { ok: false, message: `${at} is ${kindOf(here)}, not a list, so it has no [${segment.index}]` }
      if (segment.index >= here.length) {
        return { ok: false, message: `${at} has ${here.length} ${here.length === 1 ? 'entry' : 'entries'}, so [${segment.index}] is past its end` }
      }
      here = here[segment.index]
      continue
    }
    if (here === null || typeof here !== 'object' || Array.isArray(here)) {
      const hint = Array.isArray(here) ? `; pick an entry first, such as ${render([...segments.slice(0, i), { kind: 'index', index: 0 }])}` : ''
      return { ok: false, message: `${at} is ${kindOf(here)}, so it has no key "${segment.key}"${hint}` }
    }
    if (!Object.hasOwn(here, segment.key)) {
      const keys = Object.keys(here)
      const listed = keys.length === 0 ? 'it is empty' : `it has ${keys.slice(0, 10).join(', ')}${keys.length > 10 ? ', …' : ''}`
      return { ok: false, message: `no key "${segment.key}" in ${at} (${listed})` }
    }
    here = (here as Record<string, unknown>)[segment.key]
  }
  return { ok: true, value: here }
}
