import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importArgoRollout, issueSentence, type ArgoImportResult } from '../../../src/main/rollout/argo-import'
import { parseArgoDuration } from '../../../src/main/rollout/argo-duration'
import { canaryPlanSchema } from '../../../src/shared/rollout'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/argo/${name}`, import.meta.url), 'utf8')

function imported(r: ArgoImportResult) {
  if (!r.ok) throw new Error(`expected an import, got: ${r.error.message}`)
  return r.value
}
function rejected(r: ArgoImportResult) {
  if (r.ok) throw new Error('expected the manifest to be refused')
  return r.error
}

describe('Argo pause durations', () => {
  it('reads numbers and digit strings as seconds and Go durations with units', () => {
    expect(parseArgoDuration(10)).toBe(10)
    expect(parseArgoDuration('10')).toBe(10)
    expect(parseArgoDuration('30s')).toBe(30)
    expect(parseArgoDuration('10m')).toBe(600)
    expect(parseArgoDuration('1h')).toBe(3600)
    expect(parseArgoDuration('1h30m')).toBe(5400)
    expect(parseArgoDuration('1.5h')).toBe(5400)
    expect(parseArgoDuration('1500ms')).toBe(1)
  })

  it('refuses what Argo would not read', () => {
    for (const bad of ['ten minutes', '10 m', '-5', '5d', '', 'm', 1.5, -1, null, true]) expect(parseArgoDuration(bad)).toBeUndefined()
  })
})

describe('importing Argo Rollouts manifests', () => {
  it('imports the basic canary example: an indefinite pause becomes a manual step, and a final 100% step is added', () => {
    const r = imported(importArgoRollout(fixture('basic-canary.yaml')))
    expect(r.rolloutName).toBe('rollouts-demo')
    expect(r.plan.steps).toEqual([
      { id: 'step-1', label: '20% of traffic', trafficPercent: 20, soakSeconds: null, gate: 'manual' },
      { id: 'step-2', label: '40% of traffic', trafficPercent: 40, soakSeconds: 10, gate: 'health' },
      { id: 'step-3', label: '60% of traffic', trafficPercent: 60, soakSeconds: 10, gate: 'health' },
      { id: 'step-4', label: '80% of traffic', trafficPercent: 80, soakSeconds: 10, gate: 'health' },
      { id: 'step-5', label: '100% of traffic', trafficPercent: 100, soakSeconds: 0, gate: 'none' }
    ])
    expect(r.skipped).toEqual([])
    expect(r.notes[0]).toMatch(/^Argo sends all traffic to the new version after its last step/)
    expect(canaryPlanSchema.safeParse(r.plan).success).toBe(true)
  })

  it('reports an analysis step as skipped, with its template, and gates the step before it on health', () => {
    const r = imported(importArgoRollout(fixture('analysis-step.yaml')))
    expect(r.plan.steps).toEqual([
      { id: 'step-1', label: '25% of traffic', trafficPercent: 25, soakSeconds: 0, gate: 'health' },
      { id: 'step-2', label: '50% of traffic', trafficPercent: 50, soakSeconds: 600, gate: 'health' },
      { id: 'step-3', label: '100% of traffic', trafficPercent: 100, soakSeconds: 5400, gate: 'health' }
    ])
    expect(r.skipped).toEqual([
      {
        index: 1,
        kind: 'analysis',
        line: 23,
        note: 'steps[1] analysis runs an Argo analysis (templates: success-rate), which the war room does not run; the health gate on the step before it stands in for it.'
      }
    ])
    expect(r.notes).toEqual([])
  })

  it('reports an experiment as skipped and still combines the setWeight with the pause after it', () => {
    const r = imported(importArgoRollout(fixture('experiment-step.yaml')))
    expect(r.plan.steps[0]).toEqual({ id: 'step-1', label: '25% of traffic', trafficPercent: 25, soakSeconds: 30, gate: 'health' })
    expect(r.skipped).toEqual([
      {
        index: 1,
        kind: 'experiment',
        line: 23,
        note: 'steps[1] experiment runs an Argo experiment (templates: canary); watch it in Argo and hold the rollout if it fails.'
      }
    ])
  })

  it('finds the Rollout among other documents and reports setCanaryScale and setMirrorRoute as skipped', () => {
    const r = imported(importArgoRollout(fixture('istio-mirror.yaml')))
    expect(r.rolloutName).toBe('istio-host-split')
    expect(r.plan.steps[0]).toEqual({ id: 'step-1', label: 'Pause at 0%', trafficPercent: 0, soakSeconds: null, gate: 'manual' })
    expect(r.skipped.map((s) => [s.kind, s.line])).toEqual([
      ['setCanaryScale', 50],
      ['setMirrorRoute', 52]
    ])
    expect(r.skipped[1].note).toBe(
      'steps[1] setMirrorRoute mirrors requests (route "mirror-route") without serving users from the canary; the war room does not track it.'
    )
  })

  it('reports setHeaderRoute and plugin steps as skipped and keeps a setWeight with no pause as a step that passes at once', () => {
    const r = imported(importArgoRollout(fixture('header-route-plugin.yaml')))
    expect(r.plan.steps.map((s) => [s.trafficPercent, s.soakSeconds, s.gate])).toEqual([
      [0, 600, 'health'],
      [10, 300, 'health'],
      [50, 0, 'none'],
      [100, 0, 'none']
    ])
    expect(r.skipped.map((s) => s.note)).toEqual([
      'steps[1] setHeaderRoute routes requests by header (route "internal-users"), which is not a traffic weight; the war room does not track it.',
      'steps[3] plugin runs the Argo plugin "argoproj-labs/step-exec", which the war room does not run.'
    ])
    expect(r.notes).toContain('1 setWeight step has no pause after it, so it passes at once, as in Argo.')
  })

  it('turns two pauses in a row into two steps at the same weight', () => {
    const r = imported(
      importArgoRollout(`kind: Rollout
spec:
  strategy:
    canary:
      steps:
      - setWeight: 30
      - pause: {duration: 1m}
      - pause: {}
      - setWeight: 100
`)
    )
    expect(r.plan.steps.map((s) => [s.label, s.soakSeconds, s.gate])).toEqual([
      ['30% of traffic', 60, 'health'],
      ['Pause at 30%', null, 'manual'],
      ['100% of traffic', 0, 'none']
    ])
    expect(r.notes).toEqual(['1 setWeight step has no pause after it, so it passes at once, as in Argo.'])
  })

  it('refuses a blue-green Rollout with a sentence that points at the strategy', () => {
    const e = rejected(importArgoRollout(fixture('blue-green.yaml')))
    expect(e.code).toBe('argo_manifest_unreadable')
    expect(e.message).toBe(
      'The Argo Rollouts manifest was not imported. spec.strategy.blueGreen: this Rollout uses the blueGreen strategy, which has no canary steps to import; choose the blue-green plan for this release instead (line 22).'
    )
  })

  it('names the field and the line of a duration it cannot read', () => {
    const e = rejected(importArgoRollout(fixture('bad-duration.yaml')))
    expect(e.issues).toEqual([
      { path: 'spec.strategy.canary.steps[2].pause.duration', line: 24, message: '"ten minutes" is not a duration like 30s, 10m or 1h' }
    ])
    expect(issueSentence(e.issues[0])).toBe(
      'spec.strategy.canary.steps[2].pause.duration: "ten minutes" is not a duration like 30s, 10m or 1h (line 24)'
    )
  })

  it('reports every bad step at once: a weight out of range or not a number, an unknown kind, two kinds in one step, a bad pause', () => {
    const e = rejected(importArgoRollout(fixture('bad-steps.yaml')))
    expect(e.issues.map(issueSentence)).toEqual([
      'spec.strategy.canary.steps[0].setWeight: 120 is not a whole percentage from 0 to 100 (line 9)',
      'spec.strategy.canary.steps[1].setWeight: "twenty" is not a whole percentage from 0 to 100 (line 10)',
      'spec.strategy.canary.steps[2]: "promote" is not an Argo Rollouts step kind; expected one of setWeight, pause, analysis, experiment, setCanaryScale, setHeaderRoute, setMirrorRoute, plugin (line 11)',
      'spec.strategy.canary.steps[3]: holds setWeight and pause, but an Argo step is exactly one kind; split it into 2 steps (line 12)',
      'spec.strategy.canary.steps[4].pause: "soon" is not a pause; write {} to wait for a person, or {duration: 10m} (line 14)'
    ])
  })

  it('refuses YAML it cannot parse, with the line', () => {
    const e = rejected(importArgoRollout(fixture('not-yaml.yaml')))
    expect(e.issues.length).toBeGreaterThan(0)
    expect(e.issues[0].path).toBe('')
    expect(e.issues[0].line).toBeGreaterThanOrEqual(6)
    expect(e.issues[0].message).toMatch(/^the manifest is not valid YAML: /)
  })

  it('refuses a manifest with no Rollout, naming what it holds instead', () => {
    expect(rejected(importArgoRollout(fixture('deployment-only.yaml'))).message).toBe(
      'The Argo Rollouts manifest was not imported. kind: no document has kind: Rollout (it holds Deployment); paste the Argo Rollouts Rollout resource.'
    )
    expect(rejected(importArgoRollout('')).issues[0].message).toBe(
      'no document has kind: Rollout (it holds no Kubernetes resource); paste the Argo Rollouts Rollout resource'
    )
  })

  it('refuses two Rollouts in one manifest', () => {
    const two = `kind: Rollout\nmetadata: {name: a}\n---\nkind: Rollout\nmetadata: {name: b}\n`
    expect(rejected(importArgoRollout(two)).issues[0].message).toBe('the manifest holds 2 Rollouts, a (line 1) and b (line 4); import one at a time')
  })

  it('refuses a canary without steps, a Rollout without a strategy, and steps that are not a list', () => {
    expect(issueSentence(rejected(importArgoRollout(fixture('canary-without-steps.yaml'))).issues[0])).toBe(
      'spec.strategy.canary.steps: there are no steps, so Argo would shift all traffic at once; add setWeight and pause steps, or choose the big-bang plan (line 8)'
    )
    expect(issueSentence(rejected(importArgoRollout('kind: Rollout\nspec:\n  replicas: 2\n')).issues[0])).toBe(
      'spec.strategy: is missing; a Rollout names its canary or blueGreen strategy here (line 3)'
    )
    expect(issueSentence(rejected(importArgoRollout('kind: Rollout\nspec:\n  strategy:\n    canary:\n      steps: setWeight 20\n')).issues[0])).toBe(
      'spec.strategy.canary.steps: must be a list of steps, such as "- setWeight: 20" (line 5)'
    )
    expect(rejected(importArgoRollout('kind: Rollout\nspec:\n  strategy:\n    rollingUpdate: {}\n')).issues[0].message).toBe(
      'has no canary strategy, so there are no canary steps to import'
    )
  })

  it('refuses steps that neither set a weight nor pause, and a pause longer than a week', () => {
    const onlyAnalysis = 'kind: Rollout\nspec:\n  strategy:\n    canary:\n      steps:\n      - analysis: {templates: [{templateName: x}]}\n'
    expect(rejected(importArgoRollout(onlyAnalysis)).issues[0].message).toBe(
      'none of these steps sets a weight or pauses (only analysis), so there is no canary plan to import'
    )
    const long = 'kind: Rollout\nspec:\n  strategy:\n    canary:\n      steps:\n      - setWeight: 5\n      - pause: {duration: 200h}\n'
    expect(issueSentence(rejected(importArgoRollout(long)).issues[0])).toBe(
      'spec.strategy.canary.steps[1].pause.duration: 200h is longer than the longest soak the war room runs (a week) (line 7)'
    )
  })
})
