import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { JsonPathSyntaxError, parseJsonPath, selectJsonPath } from '../../../src/main/monitoring/json-path'
import { JSON_PATH_PATTERN } from '../../../src/shared/signal'
import { HEALTH_JSON } from './payloads'

const health: unknown = JSON.parse(HEALTH_JSON)

describe('selectJsonPath on a health endpoint body', () => {
  it('follows dotted keys and [index] brackets', () => {
    expect(selectJsonPath(health, 'checks.db.latencyMs')).toEqual({ ok: true, value: 12.5 })
    expect(selectJsonPath(health, 'items[1].value')).toEqual({ ok: true, value: 0.0004 })
    expect(selectJsonPath(health, '$.checks.db.pool.max')).toEqual({ ok: true, value: 20 })
    expect(selectJsonPath(health, '["build.info"].version')).toEqual({ ok: true, value: '2.6.0' })
    expect(selectJsonPath(health, "$['checks']['cache'].healthy")).toEqual({ ok: true, value: true })
    expect(selectJsonPath([5, 6], '[1]')).toEqual({ ok: true, value: 6 })
    expect(selectJsonPath(42, '$')).toEqual({ ok: true, value: 42 })
  })

  it('names the missing segment and what is there instead', () => {
    expect(selectJsonPath(health, 'checks.database.latencyMs')).toEqual({ ok: false, message: 'no key "database" in checks (it has db, cache, queue)' })
    expect(selectJsonPath(health, 'checks.db.latency')).toEqual({ ok: false, message: 'no key "latency" in checks.db (it has status, latencyMs, pool)' })
    expect(selectJsonPath(health, 'items[5].value')).toEqual({ ok: false, message: 'items has 2 entries, so [5] is past its end' })
    expect(selectJsonPath(health, 'checks[0]')).toEqual({ ok: false, message: 'checks is an object, not a list, so it has no [0]' })
    expect(selectJsonPath(health, 'items.value')).toEqual({
      ok: false,
      message: 'items is a list, so it has no key "value"; pick an entry first, such as items[0]'
    })
    expect(selectJsonPath(health, 'checks.queue.depth.max')).toEqual({ ok: false, message: 'checks.queue.depth is null, so it has no key "max"' })
    expect(selectJsonPath(health, 'status.code')).toEqual({ ok: false, message: 'status is a string, so it has no key "code"' })
    expect(selectJsonPath({}, 'a')).toEqual({ ok: false, message: 'no key "a" in the document (it is empty)' })
  })

  it('does not walk into inherited properties', () => {
    expect(selectJsonPath({}, 'constructor')).toMatchObject({ ok: false })
    expect(selectJsonPath({ a: {} }, 'a.__proto__')).toMatchObject({ ok: false })
  })
})

describe('parseJsonPath', () => {
  it('splits a path into keys and indexes', () => {
    expect(parseJsonPath('items[0].value')).toEqual([
      { kind: 'key', key: 'items' },
      { kind: 'index', index: 0 },
      { kind: 'key', key: 'value' }
    ])
    expect(parseJsonPath('$')).toEqual([])
  })

  it('refuses bad paths with the position and an example of a good one', () => {
    for (const bad of ['', 'a..b', 'a.', 'a[x]', 'a[0', "a['b]", 'a b', '$a', '.a']) {
      expect(() => parseJsonPath(bad), bad).toThrow(JsonPathSyntaxError)
    }
    expect(() => parseJsonPath('a..b')).toThrow('The JSON path "a..b" is not valid: a key is missing at position 3. Write dotted keys')
    expect(selectJsonPath(health, 'a[x]')).toMatchObject({ ok: false, message: expect.stringMatching(/expected an index or a quoted key/) })
  })

  it('accepts exactly what the signal schema lets through', () => {
    const good = ['a', 'a.b', 'a[0]', 'items[0].value', '$', '$.a', '$[0]', '[0]', '["x.y"]', "a['b c']", 'checks.db.latencyMs', 'a-b.c_d']
    const bad = ['', 'a..b', 'a.', 'a[x]', 'a[0', '$a', '.a', 'a b', 'a.[0]']
    for (const path of good) {
      expect(JSON_PATH_PATTERN.test(path), path).toBe(true)
      expect(() => parseJsonPath(path), path).not.toThrow()
    }
    for (const path of bad) {
      expect(JSON_PATH_PATTERN.test(path), path).toBe(false)
      expect(() => parseJsonPath(path), path).toThrow()
    }
  })

  it('agrees with the schema pattern on any string built from the path alphabet', () => {
    const alphabet = fc.constantFrom('a', 'b', '.', '[', ']', '0', '7', "'", '"', '$', ' ', '-')
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 12 }), (chars) => {
        const path = chars.join('')
        let parses = true
        try {
          parseJsonPath(path)
        } catch {
          parses = false
        }
        expect(JSON_PATH_PATTERN.test(path), JSON.stringify(path)).toBe(parses)
      }),
      { numRuns: 2000 }
    )
  })
})
