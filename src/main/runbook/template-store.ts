import type { Db } from '../store/database'
import type { Actor } from '../../shared/roles'
import { runbookTemplateSchema, type RunbookTemplate, type TemplateSummary } from '../../shared/runbook'
import { BUILTIN_TEMPLATES, builtinTemplate } from './builtin-templates'

/** Built-in templates come from resources; imported ones live in the database beside them. */
export class TemplateStore {
  private readonly insertStmt
  private readonly byIdStmt
  private readonly allStmt

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      'INSERT INTO templates (id, name, strategy, body, imported_at, imported_by) VALUES (@id, @name, @strategy, @body, @at, @by)'
    )
    this.byIdStmt = db.prepare<[string], { body: string }>('SELECT body FROM templates WHERE id = ?')
    this.allStmt = db.prepare<[], { body: string }>('SELECT body FROM templates ORDER BY name')
  }

  get(id: string): RunbookTemplate | undefined {
    // A copy: callers in this process (services, tests) must not be able to change the built-in runbook for everyone.
    const builtin = builtinTemplate(id)
    if (builtin) return structuredClone(builtin)
    const row = this.byIdStmt.get(id)
    return row ? runbookTemplateSchema.parse(JSON.parse(row.body)) : undefined
  }

  exists(id: string): boolean {
    return this.get(id) !== undefined
  }

  list(): TemplateSummary[] {
    const summary = (t: RunbookTemplate, builtin: boolean): TemplateSummary => ({
      id: t.id,
      name: t.name,
      strategy: t.strategy,
      builtin,
      itemCount: t.items.length
    })
    return [
      ...Object.values(BUILTIN_TEMPLATES).map((t) => summary(t, true)),
      ...this.allStmt.all().map((r) => summary(runbookTemplateSchema.parse(JSON.parse(r.body)), false))
    ]
  }

  insert(t: RunbookTemplate, by: Actor, at: string): void {
    this.insertStmt.run({ id: t.id, name: t.name, strategy: t.strategy, body: JSON.stringify(t), at, by: `${by.name} (${by.role})` })
  }
}
