import type { SignalDefinition, SignalSourceKind } from '../../../shared/signal'
import type { ApiIssue } from '../../../shared/errors'

/** The add/edit form as the inputs hold it: text everywhere, so a half-typed number is not lost. */
export interface SignalForm {
  name: string
  kind: SignalSourceKind
  url: string
  query: string
  metric: string
  labels: string
  quantile: string
  rate: boolean
  windowSeconds: string
  overLabels: string
  path: string
  unit: string
  scale: string
  intervalSeconds: string
  direction: 'above' | 'below'
  warn: string
  critical: string
  breachKind: 'consecutive' | 'duration'
  breachCount: string
  breachSeconds: string
  severity: 'critical' | 'high' | 'medium' | 'low'
  role: '' | 'canary' | 'baseline'
}

export const EMPTY_FORM: SignalForm = {
  name: '',
  kind: 'prometheus',
  url: '',
  query: '',
  metric: '',
  labels: '',
  quantile: '',
  rate: false,
  windowSeconds: '',
  overLabels: '',
  path: '',
  unit: '',
  scale: '',
  intervalSeconds: '5',
  direction: 'above',
  warn: '',
  critical: '',
  breachKind: 'consecutive',
  breachCount: '3',
  breachSeconds: '60',
  severity: 'high',
  role: ''
}

const labelsText = (labels?: Record<string, string>) =>
  Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ')

const num = (v: number | undefined) => (v === undefined ? '' : String(v))

export function formFromDefinition(d: SignalDefinition): SignalForm {
  const s = d.source
  return {
    ...EMPTY_FORM,
    name: d.name,
    kind: s.kind,
    url: s.url,
    query: s.kind === 'prometheus' ? s.query : '',
    metric: s.kind === 'scrape' ? s.metric : '',
    labels: s.kind === 'scrape' ? labelsText(s.labels) : '',
    quantile: s.kind === 'scrape' ? num(s.quantile) : '',
    rate: s.kind === 'scrape' ? (s.rate ?? false) : false,
    windowSeconds: s.kind === 'scrape' ? num(s.windowSeconds) : '',
    overLabels: s.kind === 'scrape' && s.over ? labelsText(s.over.labels) : '',
    path: s.kind === 'json' ? s.path : '',
    unit: d.unit,
    scale: num(d.scale),
    intervalSeconds: String(d.intervalMs / 1000),
    direction: d.thresholds.direction,
    warn: num(d.thresholds.warn),
    critical: num(d.thresholds.critical),
    breachKind: d.breach.kind,
    breachCount: d.breach.kind === 'consecutive' ? String(d.breach.count) : '3',
    breachSeconds: d.breach.kind === 'duration' ? String(d.breach.seconds) : '60',
    severity: d.severity,
    role: d.role ?? ''
  }
}

/** Text that is a number becomes one; anything else is sent as typed, so the host's message names the field. */
function number(text: string): number | string | undefined {
  const t = text.trim()
  if (t === '') return undefined
  const n = Number(t)
  return Number.isFinite(n) ? n : t
}

/** "track=canary, code=500" → { track: 'canary', code: '500' }. */
export function parseLabels(text: string): Record<string, string> | undefined {
  const entries = text
    .split(/[,\n]/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const at = p.indexOf('=')
      return at < 0 ? [p, ''] : [p.slice(0, at).trim(), p.slice(at + 1).trim().replace(/^"(.*)"$/, '$1')]
    })
  return entries.length ? Object.fromEntries(entries) : undefined
}

/** The definition the form describes, for `signals.add` and `signals.update`. Checked by the host, not here. */
export function definitionFromForm(f: SignalForm): Record<string, unknown> {
  const url = f.url.trim()
  let source: Record<string, unknown>
  switch (f.kind) {
    case 'prometheus':
      source = { kind: 'prometheus', url, query: f.query }
      break
    case 'scrape': {
      const labels = parseLabels(f.labels)
      const over = parseLabels(f.overLabels)
      source = {
        kind: 'scrape',
        url,
        metric: f.metric.trim(),
        ...(labels ? { labels } : {}),
        ...(f.quantile.trim() ? { quantile: number(f.quantile) } : {}),
        ...(f.rate ? { rate: true } : {}),
        ...(f.rate && f.windowSeconds.trim() ? { windowSeconds: number(f.windowSeconds) } : {}),
        ...(f.rate && over ? { over: { labels: over } } : {})
      }
      break
    }
    case 'json':
      source = { kind: 'json', url, path: f.path }
      break
    case 'probe':
      source = { kind: 'probe', url }
      break
  }
  const interval = number(f.intervalSeconds)
  return {
    name: f.name,
    source,
    unit: f.unit,
    ...(f.scale.trim() ? { scale: number(f.scale) } : {}),
    ...(interval !== undefined ? { intervalMs: typeof interval === 'number' ? Math.round(interval * 1000) : interval } : {}),
    thresholds: {
      direction: f.direction,
      ...(f.warn.trim() ? { warn: number(f.warn) } : {}),
      ...(f.critical.trim() ? { critical: number(f.critical) } : {})
    },
    breach: f.breachKind === 'consecutive' ? { kind: 'consecutive', count: number(f.breachCount) } : { kind: 'duration', seconds: number(f.breachSeconds) },
    severity: f.severity,
    ...(f.role ? { role: f.role } : {})
  }
}

const FIELD_OF: [RegExp, keyof SignalForm][] = [
  [/^signal\.name/, 'name'],
  [/^signal\.source\.url/, 'url'],
  [/^signal\.source\.query/, 'query'],
  [/^signal\.source\.metric/, 'metric'],
  [/^signal\.source\.labels/, 'labels'],
  [/^signal\.source\.quantile/, 'quantile'],
  [/^signal\.source\.windowSeconds/, 'windowSeconds'],
  [/^signal\.source\.over/, 'overLabels'],
  [/^signal\.source\.path/, 'path'],
  [/^signal\.source/, 'kind'],
  [/^signal\.unit/, 'unit'],
  [/^signal\.scale/, 'scale'],
  [/^signal\.(intervalMs|timeoutMs)/, 'intervalSeconds'],
  [/^signal\.thresholds\.warn/, 'warn'],
  [/^signal\.thresholds\.critical/, 'critical'],
  [/^signal\.thresholds/, 'direction'],
  [/^signal\.breach\.count/, 'breachCount'],
  [/^signal\.breach\.seconds/, 'breachSeconds'],
  [/^signal\.breach/, 'breachKind'],
  [/^signal\.severity/, 'severity'],
  [/^signal\.role/, 'role']
]

/** The host's issues placed beside the inputs they are about; the rest go above the form's buttons. */
export function issuesByField(issues: readonly ApiIssue[]): { fields: Partial<Record<keyof SignalForm, string>>; general: string[] } {
  const fields: Partial<Record<keyof SignalForm, string>> = {}
  const general: string[] = []
  for (const issue of issues) {
    const field = FIELD_OF.find(([re]) => re.test(issue.path))?.[1]
    if (field && !fields[field]) fields[field] = issue.message
    else if (!field) general.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message)
  }
  return { fields, general }
}
