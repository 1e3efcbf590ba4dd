import { expect, test } from '@playwright/test'
import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const out = (p: string) => fileURLToPath(new URL(`../../out/${p}`, import.meta.url))
const requires = (code: string) => [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])
const imports = (code: string) => [...code.matchAll(/from ["']([^"']+)["']|import\(["']([^"']+)["']\)/g)].map((m) => m[1] ?? m[2])

test('the sandboxed preload requires nothing but electron', () => {
  // A sandboxed preload cannot load other files: everything it needs must be bundled into it.
  expect(requires(readFileSync(out('preload/index.cjs'), 'utf8'))).toEqual(['electron'])
})

test('the browser host bundle never loads electron', () => {
  const chunks = readdirSync(out('main/chunks')).map((f) => readFileSync(out(`main/chunks/${f}`), 'utf8'))
  const serve = readFileSync(out('main/serve.js'), 'utf8')
  for (const code of [serve, ...chunks]) expect(imports(code)).not.toContain('electron')
  expect(imports(readFileSync(out('main/index.js'), 'utf8'))).toContain('electron')
})

test('the renderer page carries a strict Content-Security-Policy', () => {
  const html = readFileSync(out('renderer/index.html'), 'utf8')
  const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? ''
  expect(csp).toContain("script-src 'self'")
  expect(csp).toContain("object-src 'none'")
  expect(csp).not.toMatch(/unsafe-eval/)
  expect(html).not.toMatch(/<script>(?!<\/script>)/)
})
