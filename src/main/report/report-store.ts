import type { Db } from '../store/database'
import type { Actor, Role } from '../../shared/roles'
import type { ImportedReportSummary } from '../../shared/api-report'
import { EMPTY_REPORT_SETTINGS, type ReportSettings } from '../../shared/report-targets'

interface SettingsRow {
  settings: string
  updated_by: string
  updated_role: Role
  updated_at: string
}

interface ImportedRow {
  id: string
  source_release_id: string
  title: string
  service: string
  version: string
  status: string
  head_hash: string
  exported_at: string
  imported_at: string
  imported_by: string
  imported_role: Role
  bundle: string
}

export interface StoredSettings {
  settings: ReportSettings
  updatedBy: Actor | null
  updatedAt: string | null
}

export interface NewImport extends Omit<ImportedReportSummary, 'importedBy'> {
  importedBy: Actor
  bundle: string
}

function summaryOf(r: Omit<ImportedRow, 'bundle'>): ImportedReportSummary {
  return {
    id: r.id,
    title: r.title,
    service: r.service,
    version: r.version,
    status: r.status,
    sourceReleaseId: r.source_release_id,
    headHash: r.head_hash,
    exportedAt: r.exported_at,
    importedAt: r.imported_at,
    importedBy: { name: r.imported_by, role: r.imported_role }
  }
}

/** Each release's metric settings, and the reports imported read-only from other war rooms. */
export class ReportStore {
  private readonly settingsStmt
  private readonly upsertSettingsStmt
  private readonly insertImportStmt
  private readonly importsStmt
  private readonly importStmt
  private readonly byHashStmt

  constructor(db: Db) {
    this.settingsStmt = db.prepare<[string], SettingsRow>('SELECT settings, updated_by, updated_role, updated_at FROM report_settings WHERE release_id = ?')
    this.upsertSettingsStmt = db.prepare(`
      INSERT INTO report_settings (release_id, settings, updated_by, updated_role, updated_at)
      VALUES (@releaseId, @settings, @name, @role, @at)
      ON CONFLICT (release_id) DO UPDATE SET settings = excluded.settings, updated_by = excluded.updated_by,
        updated_role = excluded.updated_role, updated_at = excluded.updated_at`)
    this.insertImportStmt = db.prepare(`
      INSERT INTO imported_reports (id, source_release_id, title, service, version, status, head_hash, exported_at, imported_at,
        imported_by, imported_role, bundle)
      VALUES (@id, @sourceReleaseId, @title, @service, @version, @status, @headHash, @exportedAt, @importedAt, @name, @role, @bundle)`)
    const columns = 'id, source_release_id, title, service, version, status, head_hash, exported_at, imported_at, imported_by, imported_role'
    this.importsStmt = db.prepare<[], Omit<ImportedRow, 'bundle'>>(`SELECT ${columns} FROM imported_reports ORDER BY imported_at DESC, id`)
    this.importStmt = db.prepare<[string], ImportedRow>('SELECT * FROM imported_reports WHERE id = ?')
    this.byHashStmt = db.prepare<[string], Omit<ImportedRow, 'bundle'>>(`SELECT ${columns} FROM imported_reports WHERE head_hash = ?`)
  }

  settings(releaseId: string): StoredSettings {
    const r = this.settingsStmt.get(releaseId)
    if (!r) return { settings: EMPTY_REPORT_SETTINGS, updatedBy: null, updatedAt: null }
    return { settings: JSON.parse(r.settings) as ReportSettings, updatedBy: { name: r.updated_by, role: r.updated_role }, updatedAt: r.updated_at }
  }

  setSettings(releaseId: string, settings: ReportSettings, actor: Actor, at: string): void {
    this.upsertSettingsStmt.run({ releaseId, settings: JSON.stringify(settings), name: actor.name, role: actor.role, at })
  }

  addImport(i: NewImport): void {
    this.insertImportStmt.run({ ...i, name: i.importedBy.name, role: i.importedBy.role })
  }

  imports(): ImportedReportSummary[] {
    return this.importsStmt.all().map(summaryOf)
  }

  importByHash(headHash: string): ImportedReportSummary | undefined {
    const r = this.byHashStmt.get(headHash)
    return r ? summaryOf(r) : undefined
  }

  imported(id: string): { summary: ImportedReportSummary; bundle: string } | undefined {
    const r = this.importStmt.get(id)
    return r ? { summary: summaryOf(r), bundle: r.bundle } : undefined
  }
}
