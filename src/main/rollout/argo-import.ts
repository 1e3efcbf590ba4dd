import { LineCounter, isMap, isNode, isScalar, isSeq, parseAllDocuments, type Document } from 'yaml'
import type { CanaryPlan, CanaryStep, GateKind } from '../../shared/rollout'
import { MAX_SOAK_SECONDS, canaryPlanSchema } from '../../shared/rollout'
import { parseArgoDuration } from './argo-duration'
import { formatDuration } from './duration-text'

/**
 * Canary steps from an Argo Rollouts `Rollout` manifest. The war room runs setWeight and pause; every other step
 * kind is listed as skipped with the reason, never dropped in silence, so the team knows what Argo would have done
 * that the war room will not.
 */

export interface ArgoIssue {
  /** Where in the Rollout, such as spec.strategy.canary.steps[2].pause.duration; empty for the file as a whole. */
  path: string
  line: number | null
  message: string
}

export interface ArgoImportError {
  code: 'argo_manifest_unreadable'
  /** Nothing was imported; this names every field to fix (the first five). */
  message: string
  issues: ArgoIssue[]
}

export interface SkippedArgoStep {
  index: number
  kind: string
  line: number | null
  note: string
}

export interface ArgoImport {
  rolloutName: string | null
  plan: CanaryPlan
  skipped: SkippedArgoStep[]
  /** What the import added or changed, for the person to check before saving the plan. */
  notes: string[]
}

export type ArgoImportResult = { ok: true; value: ArgoImport } | { ok: false; error: ArgoImportError }

type Path = (string | number)[]

const STEPS: Path = ['spec', 'strategy', 'canary', 'steps']

/** Step kinds Argo Rollouts documents that the war room does not run, each with why. */
const NOT_RUN: Record<string, (detail: string) => string> = {
  analysis: (d) => `runs an Argo analysis${d}, which the war room does not run`,
  experiment: (d) => `runs an Argo experiment${d}; watch it in Argo and hold the rollout if it fails`,
  setCanaryScale: () => 'sets the canary replica count, which the war room does not track; it shows traffic weight',
  setHeaderRoute: (d) => `routes requests by header${d}, which is not a traffic weight; the war room does not track it`,
  setMirrorRoute: (d) => `mirrors requests${d} without serving users from the canary; the war room does not track it`,
  plugin: (d) => `runs ${d ? `the Argo plugin${d}` : 'an Argo plugin'}, which the war room does not run`
}
const STEP_KINDS = ['setWeight', 'pause', ...Object.keys(NOT_RUN)]

export function issueSentence(issue: ArgoIssue): string {
  return `${issue.path ? `${issue.path}: ` : ''}${issue.message}${issue.line ? ` (line ${issue.line})` : ''}`
}

function pathText(path: Path): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '')
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === null || value === undefined) return 'an empty value'
  if (isMap(value)) return 'a map'
  if (isSeq(value)) return 'a list'
  return String(value)
}

function failure(issues: ArgoIssue[]): ArgoImportResult {
  const shown = issues.slice(0, 5).map(issueSentence).join('; ')
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''
  return {
    ok: false,
    error: { code: 'argo_manifest_unreadable', message: `The Argo Rollouts manifest was not imported. ${shown}${more}.`, issues }
  }
}

interface Draft {
  weight: number
  soakSeconds: number | null
  gate: GateKind
  paused: boolean
  /** A pause with no setWeight of its own: it holds the weight the canary already has. */
  pauseOnly: boolean
}

export function importArgoRollout(source: string): ArgoImportResult {
  const lineCounter = new LineCounter()
  const docs = [...parseAllDocuments(source, { lineCounter, prettyErrors: false, uniqueKeys: true })]
  const lineAt = (offset: number) => lineCounter.linePos(offset).line

  const syntax = docs.flatMap((d) =>
    d.errors.map((e) => ({ path: '', line: lineAt(e.pos[0]), message: `the manifest is not valid YAML: ${e.message.split('\n')[0]}` }))
  )
  if (syntax.length) return failure(syntax)

  const kindOf = (d: Document) => (isMap(d.contents) ? d.get('kind') : undefined)
  const rollouts = docs.filter((d) => kindOf(d) === 'Rollout')
  if (rollouts.length === 0) {
    const kinds = docs.map(kindOf).filter((k): k is string => typeof k === 'string')
    const found = kinds.length ? `it holds ${kinds.join(', ')}` : 'it holds no Kubernetes resource'
    return failure([{ path: 'kind', line: null, message: `no document has kind: Rollout (${found}); paste the Argo Rollouts Rollout resource` }])
  }
  if (rollouts.length > 1) {
    const names = rollouts.map((d) => `${d.getIn(['metadata', 'name']) ?? 'unnamed'} (line ${isNode(d.contents) && d.contents.range ? lineAt(d.contents.range[0]) : '?'})`)
    return failure([{ path: 'kind', line: null, message: `the manifest holds ${rollouts.length} Rollouts, ${names.join(' and ')}; import one at a time` }])
  }

  const doc = rollouts[0]
  const at = (path: Path): unknown => (path.length ? doc.getIn(path, true) : doc.contents)
  /** The line of the field, or of the nearest enclosing one when the field itself is missing. */
  const lineFor = (path: Path): number | null => {
    for (let n = path.length; n >= 0; n--) {
      const node = at(path.slice(0, n))
      if (isNode(node) && node.range) return lineAt(node.range[0])
    }
    return null
  }
  const issue = (path: Path, message: string): ArgoIssue => ({ path: pathText(path), line: lineFor(path), message })
  const name = doc.getIn(['metadata', 'name'])
  const rolloutName = typeof name === 'string' ? name : null

  const strategy = at(['spec', 'strategy'])
  if (!isMap(strategy)) return failure([issue(['spec', 'strategy'], 'is missing; a Rollout names its canary or blueGreen strategy here')])
  if (!strategy.has('canary')) {
    if (strategy.has('blueGreen')) {
      return failure([
        issue(
          ['spec', 'strategy', 'blueGreen'],
          'this Rollout uses the blueGreen strategy, which has no canary steps to import; choose the blue-green plan for this release instead'
        )
      ])
    }
    return failure([issue(['spec', 'strategy'], 'has no canary strategy, so there are no canary steps to import')])
  }
  const steps = at(STEPS)
  if (steps === undefined || (isScalar(steps) && steps.value === null) || (isSeq(steps) && steps.items.length === 0)) {
    return failure([
      issue(STEPS, 'there are no steps, so Argo would shift all traffic at once; add setWeight and pause steps, or choose the big-bang plan')
    ])
  }
  if (!isSeq(steps)) return failure([issue(STEPS, 'must be a list of steps, such as "- setWeight: 20"')])

  const issues: ArgoIssue[] = []
  const skipped: SkippedArgoStep[] = []
  const notes: string[] = []
  const drafts: Draft[] = []
  let weight = 0 // Argo starts the canary at 0% until the first setWeight.
  let open: Draft | null = null

  for (const [i, item] of steps.items.entries()) {
    const base: Path = [...STEPS, i]
    if (!isMap(item) || item.items.length === 0) {
      issues.push(issue(base, `is not a step; write one of ${STEP_KINDS.join(', ')}, such as "- setWeight: 20"`))
      continue
    }
    const keys = item.items.map((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)))
    if (keys.length > 1) {
      issues.push(issue(base, `holds ${keys.join(' and ')}, but an Argo step is exactly one kind; split it into ${keys.length} steps`))
      continue
    }
    const kind = keys[0]
    const value = item.items[0].value
    const valuePath: Path = [...base, kind]

    if (kind === 'setWeight') {
      const v = isScalar(value) ? value.value : value
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 100) {
        issues.push(issue(valuePath, `${show(v)} is not a whole percentage from 0 to 100`))
        continue
      }
      weight = v
      open = { weight: v, soakSeconds: 0, gate: 'none', paused: false, pauseOnly: false }
      drafts.push(open)
      continue
    }

    if (kind === 'pause') {
      let soak: number | null
      if (value === null || (isScalar(value) && value.value === null) || (isMap(value) && !value.has('duration'))) {
        soak = null // pause: {} waits until someone promotes the rollout: a manual step here.
      } else if (isMap(value)) {
        const raw = value.get('duration')
        const seconds = parseArgoDuration(raw)
        if (seconds === undefined) {
          issues.push(issue([...valuePath, 'duration'], `${show(raw)} is not a duration like 30s, 10m or 1h`))
          continue
        }
        if (seconds > MAX_SOAK_SECONDS) {
          issues.push(issue([...valuePath, 'duration'], `${formatDuration(seconds * 1000)} is longer than the longest soak the war room runs (a week)`))
          continue
        }
        soak = seconds
      } else {
        issues.push(issue(valuePath, `${show(isScalar(value) ? value.value : value)} is not a pause; write {} to wait for a person, or {duration: 10m}`))
        continue
      }
      const gate: GateKind = soak === null ? 'manual' : 'health'
      if (open && !open.paused) {
        open.soakSeconds = soak
        open.gate = gate
        open.paused = true
        open = null
      } else {
        drafts.push({ weight, soakSeconds: soak, gate, paused: true, pauseOnly: true })
      }
      continue
    }

    const why = NOT_RUN[kind]
    if (!why) {
      issues.push(issue(base, `"${kind}" is not an Argo Rollouts step kind; expected one of ${STEP_KINDS.join(', ')}`))
      continue
    }
    let note = `steps[${i}] ${kind} ${why(stepDetail(kind, value))}.`
    const last = drafts[drafts.length - 1]
    if (kind === 'analysis' && last) {
      // Argo's analysis is a gate at the weight before it: the war room's health gate takes its place there.
      if (last.gate === 'none') last.gate = 'health'
      note = `steps[${i}] analysis ${why(stepDetail(kind, value))}; the health gate on the step before it stands in for it.`
    }
    skipped.push({ index: i, kind, line: lineFor(base), note })
  }
  if (issues.length) return failure(issues)
  if (drafts.length === 0) {
    return failure([issue(STEPS, `none of these steps sets a weight or pauses (only ${skipped.map((s) => s.kind).join(', ')}), so there is no canary plan to import`)])
  }

  const planned: CanaryStep[] = drafts.map((d, i) => ({
    id: `step-${i + 1}`,
    label: d.pauseOnly ? `Pause at ${d.weight}%` : `${d.weight}% of traffic`,
    trafficPercent: d.weight,
    soakSeconds: d.soakSeconds,
    gate: d.gate
  }))
  if (planned[planned.length - 1].trafficPercent !== 100) {
    planned.push({ id: `step-${planned.length + 1}`, label: '100% of traffic', trafficPercent: 100, soakSeconds: 0, gate: 'none' })
    notes.push(
      'Argo sends all traffic to the new version after its last step; the import adds that as a final 100% step with no soak and no gate. Give it a soak and a health gate to watch it.'
    )
  }
  const unpaused = drafts.filter((d) => !d.paused && d.gate === 'none').length
  if (unpaused) {
    notes.push(`${unpaused} setWeight step${unpaused === 1 ? ' has' : 's have'} no pause after it, so it passes at once, as in Argo.`)
  }

  const parsed = canaryPlanSchema.safeParse({ strategy: 'canary', steps: planned })
  if (!parsed.success) {
    return failure(parsed.error.issues.map((e) => issue(STEPS, `the imported plan is not usable: ${e.message}`)))
  }
  return { ok: true, value: { rolloutName, plan: parsed.data, skipped, notes } }
}

/** A few words naming what the skipped step referred to, so the note can be matched to the manifest. */
function stepDetail(kind: string, value: unknown): string {
  if (!isMap(value)) return ''
  if (kind === 'analysis' || kind === 'experiment') {
    const templates = value.get('templates')
    if (!isSeq(templates)) return ''
    const names = templates.items
      .map((t) => (isMap(t) ? (t.get('templateName') ?? t.get('name')) : undefined))
      .filter((n): n is string => typeof n === 'string')
    return names.length ? ` (templates: ${names.join(', ')})` : ''
  }
  const name = value.get('name')
  if (typeof name !== 'string') return ''
  return kind === 'plugin' ? ` "${name}"` : ` (route "${name}")`
}
