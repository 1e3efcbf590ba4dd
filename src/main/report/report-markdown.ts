import type { ReleaseReport, ReportMetric, ReportVerdict } from '../../shared/report'
import { ROLE_LABELS, type Role } from '../../shared/roles'
import { formatDuration, formatTime, formatValue, withUnit } from '../../shared/report-format'

/** A table cell: pipes escaped, line breaks kept as <br>, empty shown as a dash. */
export function cell(text: string | null | undefined): string {
  const t = (text ?? '').trim()
  if (!t) return '—'
  return t.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>')
}

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)]
}

const role = (r: string) => ROLE_LABELS[r as Role] ?? r
const who = (a: { name: string; role: string } | null | undefined) => (a ? `${a.name} (${role(a.role)})` : '—')

export function comparisonText(m: Pick<ReportMetric, 'comparison' | 'target' | 'unit'>): string {
  const value = withUnit(m.target, m.unit)
  if (m.comparison === 'at-most') return m.target === 0 ? '0' : `≤ ${value}`
  return `${m.comparison === 'below' ? '<' : '>'} ${value}`
}

function verdictText(v: ReportVerdict | null): string {
  if (!v) return '—'
  const values = Object.entries(v.values).map(([k, n]) => `${k} ${formatValue(n)}`)
  const by = v.by === 'signals' ? 'from the signals' : v.by === 'override' ? `by override of ${who(v.actor)}` : `by ${who(v.actor)}`
  const head = `${v.result} ${by} at ${formatTime(v.at)}`
  return [v.rationale ? `${head}: "${v.rationale}"` : head, values.length ? `readings: ${values.join(', ')}` : ''].filter(Boolean).join('; ')
}

/** base64 of UTF-8, so a signal named in any language survives the data URL. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`
}

/** One line of a list: a person's multi-line text kept on it. */
function inline(text: string | null | undefined): string {
  const t = (text ?? '').trim().replace(/\s*\r?\n\s*/g, ' / ')
  return t || '—'
}

const SOURCES: Record<string, string> = { person: 'reported by a person', gate: 'a failed step gate', signal: 'a sustained signal breach' }

function notes(text: string): string[] {
  return text.trim() ? [text.trim()] : ['_None written._']
}

/** The report as Markdown, its sections in the order of REPORT_SECTIONS, charts embedded as SVG data URLs. */
export function reportMarkdown(r: ReleaseReport): string {
  const s = r.summary
  const out: string[] = [
    `# Release report: ${s.title}`,
    '',
    `_Generated ${formatTime(r.generatedAt)} by Release War Room from the stored record of release \`${s.releaseId}\`._`,
    '',
    '## Summary',
    '',
    ...table(
      ['Field', 'Value'],
      [
        ['Service', cell(s.service)],
        ['Version', cell(s.version)],
        ['Environment', cell(s.environment)],
        ['Strategy', cell(s.strategy)],
        ['Accountable owner', cell(s.owner)],
        ['Final status', cell(s.status)],
        ['Ended because', cell(s.endedReason)],
        ['Created', `${formatTime(s.createdAt)} by ${who(s.createdBy)}`]
      ]
    ),
    '',
    '## Deployment window',
    '',
    ...table(
      ['', 'Start', 'End', 'Length'],
      [
        ['Planned', formatTime(r.window.plannedStart), formatTime(r.window.plannedEnd), span(r.window.plannedStart, r.window.plannedEnd)],
        [
          'Actual (production)',
          formatTime(r.window.actualStart),
          r.window.actualEnd ? `${formatTime(r.window.actualEnd)} (${r.window.endedAs ?? 'ended'})` : r.window.actualStart ? 'still in production' : '—',
          span(r.window.actualStart, r.window.actualEnd)
        ]
      ]
    ),
    '',
    '## Checklist',
    '',
    ...table(
      ['Phase', 'Item', 'Owner', 'Status', 'Who', 'When', 'Evidence and notes'],
      r.checklist.map((i) => [
        cell(i.phaseLabel),
        cell(i.title + (i.required ? '' : ' (optional)')),
        role(i.ownerRole),
        i.status,
        i.by ? cell(who(i.by)) : '—',
        formatTime(i.at),
        cell([i.evidence ? `Evidence: ${i.evidence}` : '', i.note ? `Note: ${i.note}` : ''].filter(Boolean).join('\n'))
      ])
    ),
    '',
    '## Votes',
    ''
  ]
  if (r.votes.length === 0) out.push('_No votes were cast._')
  for (const v of r.votes) {
    out.push(`### ${v.gate} gate: ${v.verdict} by ${who(v.by)}${v.superseded ? ' (superseded)' : ''}`, '')
    out.push(`- When: ${formatTime(v.at)}`, `- Rationale: ${inline(v.rationale)}`)
    const snap = v.snapshot
    out.push(`- Gate as the voter saw it: stage ${snap.stage}, criteria ${snap.satisfied ? 'met' : 'not met'}`)
    out.push(`- Approvals: ${snap.approvals.map((a) => `${role(a.role)} ${a.verdict}`).join(', ') || '—'}`)
    out.push(`- Open items: ${snap.openItems.map((i) => `${i.title} (${role(i.ownerRole)}, ${i.status})`).join('; ') || 'none'}`)
    if (snap.health.length) out.push(`- Health: ${snap.health.map((h) => `${h.name} ${withUnit(h.value, h.unit)} (${h.state})`).join('; ')}`)
    out.push('')
  }
  out.push('## Rollout', '')
  const ro = r.rollout
  out.push(`Status: **${ro.status}**. Started ${formatTime(ro.startedAt)}${ro.startedBy ? ` by ${who(ro.startedBy)}` : ''}; ended ${formatTime(ro.endedAt)}.${ro.endedReason ? ` Reason: ${ro.endedReason}` : ''}`, '')
  out.push(
    ...table(
      ['Step', 'Traffic', 'State', 'Started', 'Finished', 'Took', 'Gate verdict'],
      ro.steps.map((st) => [
        cell(st.label),
        st.trafficPercent === null ? '—' : `${formatValue(st.trafficPercent)} %`,
        st.state,
        formatTime(st.startedAt),
        formatTime(st.finishedAt),
        formatDuration(st.durationMs),
        cell(verdictText(st.verdict) + (st.overridden ? `\n(overrode: ${verdictText(st.overridden)})` : ''))
      ])
    ),
    ''
  )
  if (ro.rollback) {
    const rb = ro.rollback
    out.push(`### Rollback`, '', `Decided ${formatTime(rb.decidedAt)} by ${who(rb.decidedBy)}: ${rb.reason}. Finished ${formatTime(rb.finishedAt)} (target ${rb.targetMinutes} min).`, '')
    out.push(...table(['Step', 'Owner', 'Done', 'By', 'Note'], rb.steps.map((x) => [cell(x.title), role(x.ownerRole), formatTime(x.doneAt), x.doneBy ? cell(who(x.doneBy)) : '—', cell(x.note)])), '')
  }
  out.push('## Incidents', '')
  if (r.incidents.length === 0) out.push('_No incidents were opened._', '')
  for (const i of r.incidents) {
    out.push(`### ${i.severity}: ${inline(i.summary)}`, '')
    out.push(`- Detected ${formatTime(i.detectedAt)}: ${SOURCES[i.source] ?? i.source}${i.step ? ` on step "${i.step}"` : ''}${i.openedBy ? `, opened by ${who(i.openedBy)}` : ''}`)
    out.push(`- Decision path:${i.path.length ? '' : ' not walked'}`)
    i.path.forEach((p, n) => out.push(`  ${n + 1}. ${p.question} **${p.answer}**, ${who(p.by)} at ${formatTime(p.at)}: ${inline(p.rationale)}`))
    out.push(`- Outcome: ${i.outcome ?? 'undecided'}${i.decidedAt ? ` (decided ${formatTime(i.decidedAt)})` : ''}`)
    out.push(`- Resolved: ${i.resolvedAt ? `${formatTime(i.resolvedAt)} by ${who(i.resolvedBy)}${i.resolution ? `: ${inline(i.resolution)}` : ''}` : 'open'}`, '')
  }
  out.push('## Health', '')
  out.push(`Readings from ${formatTime(r.healthRange.from)} to ${formatTime(r.healthRange.to)}. The deployment metrics below read the production window only.`, '')
  if (r.health.length === 0) out.push('_This release watched no signals._', '')
  else {
    out.push(
      ...table(
        ['Signal', 'Min', 'Max', 'Mean', 'Last', 'Readings', 'Sustained breaches'],
        r.health.map((h) => [cell(h.name + (h.role ? ` (${h.role})` : '')), withUnit(h.min, h.unit), withUnit(h.max, h.unit), withUnit(h.mean, h.unit), withUnit(h.last, h.unit), String(h.count), String(h.breaches)])
      ),
      ''
    )
    for (const h of r.health) out.push(`![${h.name.replace(/[[\]]/g, '')}](${svgDataUrl(h.chart)})`, '')
  }
  out.push('## Deployment metrics', '')
  out.push(
    ...table(
      ['Metric', 'What it tells you', 'Target', 'Actual', 'Result', 'Source'],
      r.metrics.map((m) => [m.label, m.meaning, comparisonText(m), withUnit(m.actual, m.actualUnit), m.status, cell(m.source)])
    ),
    ''
  )
  const n = r.releaseNotes
  out.push('## Release notes', '')
  out.push("### What's new", '', ...notes(n.whatsNew), '', '### Fixes', '', ...notes(n.fixes), '', '### Known issues', '', ...notes(n.knownIssues), '')
  out.push('### Upgrade instructions', '', ...notes(n.upgrade), '')
  if (n.updatedBy) out.push(`_Last edited ${formatTime(n.updatedAt)} by ${who(n.updatedBy)}._`, '')
  out.push('## Audit chain', '')
  out.push(
    r.audit.ok
      ? `The timeline's hash chain verifies: ${r.audit.count} entries, head hash \`${r.audit.headHash}\`.`
      : `**The timeline's hash chain does not verify**: ${r.audit.problem ?? 'unknown problem'} (${r.audit.count} entries read; stored head \`${r.audit.headHash}\`).`,
    ''
  )
  return out.join('\n')
}

function span(from: string | null, to: string | null): string {
  if (!from || !to) return '—'
  return formatDuration(Date.parse(to) - Date.parse(from))
}
