import { describe, expect, it } from 'vitest'
import { BUILTIN_TEMPLATES } from '../../../src/main/runbook/builtin-templates'
import { parseTemplate, serializeTemplate } from '../../../src/main/runbook/template-codec'
import { parseMarkdownChecklist } from '../../../src/main/runbook/markdown-checklist'
import { ImportError } from '../../../src/main/runbook/import-error'

describe('built-in templates', () => {
  it('ship one per strategy, each with the ten pre-deployment checks, owners and reasons', () => {
    for (const [strategy, t] of Object.entries(BUILTIN_TEMPLATES)) {
      expect(t.strategy).toBe(strategy)
      const pre = t.items.filter((i) => i.phase === 'pre-deployment')
      expect(pre).toHaveLength(10)
      expect(pre.every((i) => i.why.length > 20 && i.required)).toBe(true)
      expect(t.gates.find((g) => g.id === 'ready')?.approvers).toEqual(['devops-lead', 'sre', 'security-lead', 'qa-lead', 'product-owner'])
    }
  })
})

describe('template import and export', () => {
  const canary = BUILTIN_TEMPLATES.canary

  it('round-trips through JSON and YAML unchanged', () => {
    expect(parseTemplate(serializeTemplate(canary, 'json'), 'json')).toEqual(canary)
    expect(parseTemplate(serializeTemplate(canary, 'yaml'), 'yaml')).toEqual(canary)
  })

  it('names the field and its line for a schema error', () => {
    const yaml = serializeTemplate(canary, 'yaml').replace('ownerRole: sre', 'ownerRole: wizard')
    const line = yaml.split('\n').findIndex((l) => l.includes('ownerRole: wizard')) + 1
    try {
      parseTemplate(yaml, 'yaml')
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(ImportError)
      const err = e as ImportError
      expect(err.issues?.[0].path).toMatch(new RegExp(`^items\\.\\d+\\.ownerRole \\(line ${line}\\)$`))
      expect(err.message).toMatch(/was not imported, and nothing was saved/)
    }
  })

  it('names the line of a syntax error in JSON', () => {
    const json = serializeTemplate(canary, 'json').replace('"strategy": "canary",', '"strategy": "canary",,')
    expect(() => parseTemplate(json, 'json')).toThrow(/line \d+/)
  })

  it('refuses a template whose gates are not the five stages in order', () => {
    const t = { ...canary, gates: canary.gates.slice(1) }
    expect(() => parseTemplate(JSON.stringify(t), 'json')).toThrow(/gates must be exactly ready, staging, production, validating, closed/)
  })

  it('refuses duplicate item keys, naming the second', () => {
    const t = { ...canary, items: [...canary.items, canary.items[0]] }
    expect(() => parseTemplate(JSON.stringify(t), 'json')).toThrow(new RegExp(`items\\.${canary.items.length}\\.key.*used twice`))
  })
})

describe('Markdown checklist import', () => {
  it('reads tasks with owners, phases from headings, optional items and reasons', () => {
    const items = parseMarkdownChecklist(`# Our checks

Some prose the team keeps here.

## Pre-deployment
- [ ] Backups verified @sre -- restores tested within the week
- [x] Feature flags reviewed @tech-lead (optional)

## Staging
* [ ] Load test at 2x peak @qa-lead
`)
    expect(items).toEqual([
      { key: 'backups-verified', phase: 'pre-deployment', title: 'Backups verified', why: 'restores tested within the week', ownerRole: 'sre', required: true },
      { key: 'feature-flags-reviewed', phase: 'pre-deployment', title: 'Feature flags reviewed', why: '', ownerRole: 'tech-lead', required: false },
      { key: 'load-test-at-2x-peak', phase: 'staging', title: 'Load test at 2x peak', why: '', ownerRole: 'qa-lead', required: true }
    ])
  })

  it('names every bad line and imports nothing', () => {
    try {
      parseMarkdownChecklist(`## Pre-deployment
- [ ] Backups verified @sre
- [ ] Nobody owns this
- [ ] Wrong role @wizard
- plain bullet
## Somewhere else
- [ ] Under an unknown heading @sre`)
      expect.unreachable()
    } catch (e) {
      expect((e as ImportError).issues?.map((i) => i.path)).toEqual(['line 3', 'line 4', 'line 5', 'line 6'])
      expect((e as ImportError).issues?.[1].message).toMatch(/@wizard is not a role/)
    }
  })
})
