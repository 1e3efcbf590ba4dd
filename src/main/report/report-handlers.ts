import type { Handler } from '../api/handlers'
import type { HandlerContext } from '../api/handler-context'
import { DomainError, NotFoundError, RuleViolation } from '../api/domain-error'
import { isAccountableOwner, refuseObserver } from '../runbook/release-rules'
import { requireRelease } from '../runbook/room-state'
import { readRolloutPart } from '../rollout/rollout-room'
import { nowIso, record } from '../timeline/record'
import type { ReportSettings, ReportSettingsView } from '../../shared/report-targets'
import { buildReport } from './report-builder'
import { readReportRecord } from './report-record'
import { reportMarkdown } from './report-markdown'
import { buildBundle, checkBundle } from './report-bundle'
import { effectiveTargets } from './metric-targets'
import { describeSettingsChange, mergeSettings } from './report-settings'
import { redrawCharts } from './imported-report'

function settingsView(ctx: HandlerContext, releaseId: string, targets = readRolloutPart(ctx, releaseId).rollout.template.targets): ReportSettingsView {
  const stored = ctx.reports.settings(releaseId)
  return { ...stored.settings, effective: effectiveTargets(targets, stored.settings), updatedBy: stored.updatedBy, updatedAt: stored.updatedAt }
}

const get: Handler<'reports.get'> = (input, ctx) => {
  const rec = readReportRecord(ctx, input.releaseId)
  return {
    report: buildReport(rec),
    settings: settingsView(ctx, input.releaseId, rec.room.rollout.template.targets),
    signals: rec.room.signals.map((s) => ({ id: s.id, name: s.definition.name, unit: s.definition.unit }))
  }
}

function fileBase(report: { summary: { service: string; version: string } }): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'release'
  return `release-report-${safe(report.summary.service)}-${safe(report.summary.version)}`
}

const exportReport: Handler<'reports.export'> = (input, ctx) => {
  const rec = readReportRecord(ctx, input.releaseId)
  const report = buildReport(rec)
  if (input.format === 'markdown') {
    return { filename: `${fileBase(report)}.md`, contentType: 'text/markdown; charset=utf-8', content: reportMarkdown(report) }
  }
  return { filename: `${fileBase(report)}.bundle.json`, contentType: 'application/json', content: `${JSON.stringify(buildBundle(rec, report), null, 2)}\n` }
}

/** The table's targets are the room's yardstick: the DevOps lead, the SRE (who owns the signals) or the owner set them. */
const setTargets: Handler<'reports.targets.set'> = (input, ctx) => {
  const release = requireRelease(ctx, input.releaseId)
  const refused =
    refuseObserver(input.actor, 'set report targets') ??
    (['devops-lead', 'sre'].includes(input.actor.role) || isAccountableOwner(release, input.actor)
      ? undefined
      : `Report targets are set by the DevOps lead, the SRE or the accountable owner (${release.owner}).`)
  if (refused) throw new RuleViolation(refused)
  const signals = ctx.signals.list(release.id)
  for (const [metric, signalId] of Object.entries(input.signals ?? {})) {
    if (signalId && !signals.some((s) => s.id === signalId)) {
      throw new RuleViolation(`The ${metric} metric cannot read signal "${signalId}": it is not a signal of this release.`)
    }
  }
  const before = ctx.reports.settings(release.id).settings
  const after: ReportSettings = mergeSettings(before, input)
  const change = describeSettingsChange(input, (id) => signals.find((s) => s.id === id)?.definition.name ?? id)
  if (!change) throw new RuleViolation('Nothing to change: give targets, signals or manual actuals.')
  ctx.reports.setSettings(release.id, after, input.actor, nowIso(ctx))
  record(ctx, {
    releaseId: release.id,
    kind: 'report.targets-set',
    actor: input.actor,
    summary: `Set report metrics: ${change}`,
    data: { targets: input.targets, signals: input.signals, manual: input.manual }
  })
  return settingsView(ctx, release.id)
}

const importBundle: Handler<'reports.import'> = (input, ctx) => {
  const refused = refuseObserver(input.actor, 'import report bundles')
  if (refused) throw new RuleViolation(refused)
  const check = checkBundle(input.bundle)
  if (!check.ok) throw new DomainError('invalid_input', check.message, check.issues)
  const { report } = check.bundle
  const existing = ctx.reports.importByHash(report.audit.headHash)
  if (existing) {
    throw new RuleViolation(`This report ("${existing.title}", head ${existing.headHash.slice(0, 12)}…) was already imported on ${existing.importedAt}; open it from the imported reports.`)
  }
  const summary = {
    id: `imp-${report.audit.headHash.slice(0, 16)}`,
    title: report.summary.title,
    service: report.summary.service,
    version: report.summary.version,
    status: report.summary.status,
    sourceReleaseId: report.summary.releaseId,
    headHash: report.audit.headHash,
    exportedAt: check.bundle.exportedAt,
    importedAt: nowIso(ctx),
    importedBy: input.actor
  }
  ctx.reports.addImport({ ...summary, bundle: input.bundle })
  return summary
}

const importedList: Handler<'reports.imported.list'> = (_input, ctx) => ctx.reports.imports()

const importedGet: Handler<'reports.imported.get'> = (input, ctx) => {
  const found = ctx.reports.imported(input.importId)
  if (!found) throw new NotFoundError('imported report', input.importId)
  const check = checkBundle(found.bundle)
  if (!check.ok) throw new RuleViolation(`The stored bundle no longer verifies: ${check.message}`)
  return { ...found.summary, report: redrawCharts(check.bundle.report) }
}

export const reportHandlers = {
  'reports.get': get,
  'reports.export': exportReport,
  'reports.targets.set': setTargets,
  'reports.import': importBundle,
  'reports.imported.list': importedList,
  'reports.imported.get': importedGet
}
