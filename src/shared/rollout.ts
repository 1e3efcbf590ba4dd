import { z } from 'zod'
import { actorSchema, roleSchema, type Actor } from './roles'
import { strategySchema } from './release'

/**
 * The staged rollout, the incident triggers, the rollback decision tree and the rollback procedure, as data. Plans and
 * templates are what a team edits; the runtime shapes further down are what the rollout machine in main keeps.
 * All times are epoch milliseconds, because every rule that reads them takes `now` as a number.
 */

const key = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, `${what} must be lower-case letters, digits and dashes, like "canary-25"`)

const text = (what: string, max: number) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(max, `${what} is longer than ${max} characters`)

const epochMs = z.number().int().nonnegative()

/** A week: longer than any soak the playbook describes, short enough to catch minutes typed as seconds. */
export const MAX_SOAK_SECONDS = 7 * 24 * 3600

const soakSeconds = z
  .number({ error: 'soakSeconds must be a number of seconds' })
  .int('soakSeconds must be whole seconds')
  .min(0, 'soakSeconds cannot be negative')
  .max(MAX_SOAK_SECONDS, 'soakSeconds is longer than a week')

const percent = z
  .number({ error: 'trafficPercent must be a number from 0 to 100' })
  .min(0, 'trafficPercent cannot be below 0')
  .max(100, 'trafficPercent cannot be above 100')

// ---------------------------------------------------------------------------------------------------------------
// Steps and plans

/**
 * health: judged from live signals at the end of the soak (by the SRE or DevOps lead until monitoring exists);
 * manual: a person passes it; none: the step passes when its soak ends.
 */
export const GATE_KINDS = ['health', 'manual', 'none'] as const
export const gateKindSchema = z.enum(GATE_KINDS, { error: `gate must be one of: ${GATE_KINDS.join(', ')}` })
export type GateKind = z.infer<typeof gateKindSchema>

const actionUrl = z
  .string({ error: 'action.url is required' })
  .trim()
  .max(2000, 'action.url is longer than 2000 characters')
  .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), {
    message: 'action.url must be an http:// or https:// URL, such as https://deploy.example.com/hooks/promote'
  })
  // The URL is shown in the rollout lane and written to the timeline; credentials inside it would leak there.
  .refine((u) => !URL.canParse(u) || (new URL(u).username === '' && new URL(u).password === ''), {
    message: 'action.url must not contain a user name or password'
  })

/** An HTTP POST the war room sends when the step starts, so a team can wire "promote" to its CD tool. */
export const stepActionSchema = z.object({ url: actionUrl }).strict()
export type StepAction = z.infer<typeof stepActionSchema>

export const canaryStepSchema = z
  .object({
    id: key('step id'),
    label: text('label', 120),
    trafficPercent: percent,
    /** null: an indefinite pause; the step waits for a person (its gate must be manual). */
    soakSeconds: soakSeconds.nullable(),
    gate: gateKindSchema,
    action: stepActionSchema.optional()
  })
  .strict()
export type CanaryStep = z.infer<typeof canaryStepSchema>

export const canaryPlanSchema = z
  .object({
    strategy: z.literal('canary'),
    steps: z.array(canaryStepSchema).min(1, 'a canary plan needs at least one step').max(50, 'a canary plan has at most 50 steps')
  })
  .strict()
  .superRefine((plan, ctx) => {
    const seen = new Set<string>()
    plan.steps.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `step id "${s.id}" is used twice` })
      seen.add(s.id)
      if (s.soakSeconds === null && s.gate !== 'manual') {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'gate'],
          message: `"${s.label}" pauses indefinitely, so only a person can end it: its gate must be manual`
        })
      }
    })
    const last = plan.steps[plan.steps.length - 1]
    if (last && last.trafficPercent !== 100) {
      ctx.addIssue({
        code: 'custom',
        path: ['steps', plan.steps.length - 1, 'trafficPercent'],
        message: `the last step sends ${last.trafficPercent}% of traffic; end at 100%, or the rollout would complete with the new version only partly live`
      })
    }
  })
export type CanaryPlan = z.infer<typeof canaryPlanSchema>

/** Playbook: "Deploy a new version of your API to green, run smoke tests, switch the load balancer to green." */
export const blueGreenPlanSchema = z
  .object({
    strategy: z.literal('blue-green'),
    smokeTestGate: z.enum(['manual', 'health'], { error: 'smokeTestGate must be manual or health' }).default('manual'),
    /** How long to watch green under full traffic before the switch counts as good. */
    soakAfterSwitchSeconds: soakSeconds.default(600),
    /** Blue is kept, idle but ready, this long after the switch: the "instant rollback" the playbook promises. */
    rollbackWindowMinutes: z
      .number({ error: 'rollbackWindowMinutes must be a number of minutes' })
      .int('rollbackWindowMinutes must be whole minutes')
      .min(0, 'rollbackWindowMinutes cannot be negative')
      .max(2880, 'rollbackWindowMinutes is longer than 48 hours')
      .default(60),
    actions: z
      .object({ deployGreen: stepActionSchema.optional(), switchTraffic: stepActionSchema.optional() })
      .strict()
      .optional()
  })
  .strict()
export type BlueGreenPlan = z.infer<typeof blueGreenPlanSchema>

/** Playbook: "In a 10-instance cluster, deploy to 2 instances, monitor, then deploy to 2 more, and so on." */
export const rollingPlanSchema = z
  .object({
    strategy: z.literal('rolling'),
    instances: z.number({ error: 'instances must be a number' }).int('instances must be a whole number').min(1, 'instances must be at least 1').max(10_000),
    batchSize: z.number({ error: 'batchSize must be a number' }).int('batchSize must be a whole number').min(1, 'batchSize must be at least 1'),
    /** The soak after each batch, the last one included: the last batch is watched like the others. */
    soakSeconds,
    gate: gateKindSchema.default('health'),
    action: stepActionSchema.optional()
  })
  .strict()
  .refine((p) => p.batchSize <= p.instances, {
    message: 'batchSize cannot be larger than the number of instances',
    path: ['batchSize']
  })
export type RollingPlan = z.infer<typeof rollingPlanSchema>

const isoTime = z.iso.datetime({ offset: true, message: 'Use an ISO 8601 time such as 2026-01-25T02:00:00Z' })

/** Playbook: "Deploy during a scheduled maintenance window (e.g., Sunday 2-4 AM when traffic is minimal)." */
export const bigBangPlanSchema = z
  .object({
    strategy: z.literal('big-bang'),
    maintenanceWindow: z.object({ start: isoTime, end: isoTime }).strict().optional(),
    expectedDowntimeMinutes: z
      .number({ error: 'expectedDowntimeMinutes must be a number of minutes' })
      .int('expectedDowntimeMinutes must be whole minutes')
      .min(0, 'expectedDowntimeMinutes cannot be negative')
      .max(1440, 'expectedDowntimeMinutes is longer than a day'),
    smokeTestGate: z.enum(['manual', 'health'], { error: 'smokeTestGate must be manual or health' }).default('manual'),
    /** Watching health once the service is back: a big bang has no smaller step to learn from first. */
    watchSeconds: soakSeconds.default(900),
    actions: z.object({ deploy: stepActionSchema.optional() }).strict().optional()
  })
  .strict()
  .superRefine((p, ctx) => {
    if (!p.maintenanceWindow) return
    const span = Date.parse(p.maintenanceWindow.end) - Date.parse(p.maintenanceWindow.start)
    if (span <= 0) {
      ctx.addIssue({ code: 'custom', path: ['maintenanceWindow', 'end'], message: 'the maintenance window must end after it starts' })
    } else if (p.expectedDowntimeMinutes * 60_000 > span) {
      ctx.addIssue({
        code: 'custom',
        path: ['expectedDowntimeMinutes'],
        message: `the expected downtime (${p.expectedDowntimeMinutes} min) does not fit in the ${Math.round(span / 60_000)}-minute maintenance window`
      })
    }
  })
export type BigBangPlan = z.infer<typeof bigBangPlanSchema>

export const rolloutPlanSchema = z.discriminatedUnion('strategy', [canaryPlanSchema, blueGreenPlanSchema, rollingPlanSchema, bigBangPlanSchema], {
  error: 'strategy must be one of: canary, blue-green, rolling, big-bang'
})
export type RolloutPlan = z.infer<typeof rolloutPlanSchema>

/** The one shape every strategy compiles to, so the runtime treats a canary step and a rolling batch alike. */
export const planStepSchema = z
  .object({
    id: key('step id'),
    label: text('label', 160),
    trafficPercent: percent.optional(),
    /** Rolling batches: how many instances run the new version once this step is done ("4 of 10"). */
    instances: z.object({ updated: z.number().int().min(0), total: z.number().int().min(1) }).strict().optional(),
    soakSeconds: soakSeconds.nullable(),
    gate: gateKindSchema,
    action: stepActionSchema.optional(),
    /**
     * The blue-green rollback window: traffic is already switched and blue is only kept ready. Deployment time
     * stops before it, or every blue-green release would miss the 30-minute target by the window's length.
     */
    rollbackWindow: z.literal(true).optional()
  })
  .strict()
export type PlanStep = z.infer<typeof planStepSchema>

/**
 * Defaults from the playbook. Canary: "5% of users ... If stable after 1 hour, increase to 25%, then 50%, then
 * 100%." Rolling: "deploy to 2 instances, monitor, then deploy to 2 more" of 10. Big bang: the 2-4 AM example window.
 */
export const DEFAULT_PLANS: { [S in RolloutPlan['strategy']]: Extract<RolloutPlan, { strategy: S }> } = {
  canary: {
    strategy: 'canary',
    steps: [
      { id: 'canary-5', label: '5% of traffic', trafficPercent: 5, soakSeconds: 3600, gate: 'health' },
      { id: 'canary-25', label: '25% of traffic', trafficPercent: 25, soakSeconds: 3600, gate: 'health' },
      { id: 'canary-50', label: '50% of traffic', trafficPercent: 50, soakSeconds: 3600, gate: 'health' },
      { id: 'canary-100', label: '100% of traffic', trafficPercent: 100, soakSeconds: 900, gate: 'health' }
    ]
  },
  'blue-green': { strategy: 'blue-green', smokeTestGate: 'manual', soakAfterSwitchSeconds: 600, rollbackWindowMinutes: 60 },
  rolling: { strategy: 'rolling', instances: 10, batchSize: 2, soakSeconds: 300, gate: 'health' },
  'big-bang': { strategy: 'big-bang', expectedDowntimeMinutes: 60, smokeTestGate: 'manual', watchSeconds: 900 }
}

// ---------------------------------------------------------------------------------------------------------------
// Runtime: steps and the rollout

export const STEP_STATES = ['pending', 'running', 'soaking', 'awaiting-gate', 'passed', 'failed', 'skipped'] as const
export const stepStateSchema = z.enum(STEP_STATES)
export type StepState = z.infer<typeof stepStateSchema>

export const gateVerdictSchema = z
  .object({
    result: z.enum(['pass', 'fail'], { error: 'result must be pass or fail' }),
    /** signals: from monitoring; manual: a person's judgement; override: advancing without a passing gate. */
    by: z.enum(['signals', 'manual', 'override']),
    actor: actorSchema.optional(),
    rationale: z.string().trim().max(2000).optional(),
    /** The signal readings the verdict was made on, by signal name. */
    values: z.record(z.string(), z.number()).optional(),
    at: epochMs
  })
  .strict()
export type GateVerdict = z.infer<typeof gateVerdictSchema>

/** What the step's HTTP POST answered; the response status and time go to the log either way. */
export const actionOutcomeSchema = z
  .object({
    ok: z.boolean(),
    httpStatus: z.number().int().nullable(),
    durationMs: z.number().nonnegative(),
    detail: z.string().max(500).nullable(),
    at: epochMs
  })
  .strict()
export type ActionOutcome = z.infer<typeof actionOutcomeSchema>

export const rolloutStepSchema = planStepSchema.extend({
  state: stepStateSchema,
  startedAt: epochMs.nullable(),
  /** Persisted so a restart computes the soak's time left from here, not from when the process came up. */
  soakStartedAt: epochMs.nullable(),
  soakEndsAt: epochMs.nullable(),
  finishedAt: epochMs.nullable(),
  /** The verdict that decided the step: a pass, a fail, or the override that advanced past it. */
  verdict: gateVerdictSchema.nullable(),
  /** The failing verdict an override replaced, kept so the record shows what was overridden. */
  overridden: gateVerdictSchema.nullable(),
  actionOutcome: actionOutcomeSchema.nullable()
})
export type RolloutStep = z.infer<typeof rolloutStepSchema>

export const ROLLOUT_STATUSES = ['not-started', 'running', 'held', 'aborted', 'completed', 'rolling-back', 'rolled-back'] as const
export const rolloutStatusSchema = z.enum(ROLLOUT_STATUSES)
export type RolloutStatus = z.infer<typeof rolloutStatusSchema>

export const holdSchema = z
  .object({
    reason: text('reason', 1000),
    /** person: someone paused on a doubtful signal; gate and action: the war room held it on a failure. */
    cause: z.enum(['person', 'gate', 'action']),
    by: actorSchema.nullable(),
    at: epochMs
  })
  .strict()
export type Hold = z.infer<typeof holdSchema>

export const rolloutStateSchema = z
  .object({
    strategy: strategySchema,
    status: rolloutStatusSchema,
    steps: z.array(rolloutStepSchema),
    startedAt: epochMs.nullable(),
    startedBy: actorSchema.nullable(),
    hold: holdSchema.nullable(),
    /** When the rollout stopped moving forward: completed, aborted, or a rollback began. */
    endedAt: epochMs.nullable(),
    endedBy: actorSchema.nullable(),
    /** Why it ended off the happy path (abort or rollback reason); null otherwise. */
    endedReason: z.string().nullable(),
    /** When the rollback procedure finished and the rollout became rolled-back. */
    rolledBackAt: epochMs.nullable()
  })
  .strict()
export type RolloutState = z.infer<typeof rolloutStateSchema>

// ---------------------------------------------------------------------------------------------------------------
// Incidents and their triggers

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const
export const severitySchema = z.enum(SEVERITIES, { error: `severity must be one of: ${SEVERITIES.join(', ')}` })
export type Severity = z.infer<typeof severitySchema>

export const triggerRuleSchema = z
  .object({
    severity: severitySchema,
    examples: text('examples', 300),
    action: text('action', 300),
    /** How long the team has to respond; null for "fix in place", which has no clock. */
    responseMinutes: z.number().int().min(1).max(10_080).nullable()
  })
  .strict()
export type TriggerRule = z.infer<typeof triggerRuleSchema>

export const triggerTableSchema = z.array(triggerRuleSchema).superRefine((rules, ctx) => {
  for (const s of SEVERITIES) {
    const n = rules.filter((r) => r.severity === s).length
    if (n !== 1) ctx.addIssue({ code: 'custom', path: [], message: `the trigger table needs exactly one rule for ${s} severity; it has ${n}` })
  }
})

/** The playbook's rollback triggers table, word for word where it gives words. */
export const DEFAULT_TRIGGERS: TriggerRule[] = [
  { severity: 'critical', examples: 'System down, data corruption, security breach', action: 'Immediate rollback (within minutes)', responseMinutes: 5 },
  { severity: 'high', examples: 'Major feature broken, performance severely degraded', action: 'Rollback within 1 hour', responseMinutes: 60 },
  { severity: 'medium', examples: 'Minor issues, workaround available', action: 'Monitor, decide within 4 hours', responseMinutes: 240 },
  { severity: 'low', examples: 'Cosmetic issues, documentation gaps', action: 'Fix in place (no rollback)', responseMinutes: null }
]

export const ANNOUNCEMENTS = ['nearing', 'passed'] as const
export type Announcement = (typeof ANNOUNCEMENTS)[number]

export const incidentDraftSchema = z.object({ severity: severitySchema, summary: text('summary', 500) }).strict()

export interface Incident {
  id: string
  severity: Severity
  summary: string
  /** person: opened by hand; gate: a failed step gate; signal: a sustained signal breach. */
  source: 'person' | 'gate' | 'signal'
  stepId: string | null
  detectedAt: number
  openedBy: Actor | null
  /** Deadline announcements already made, so none is repeated after a restart. */
  announced: Announcement[]
  decidedAt: number | null
  outcome: DecisionOutcome | null
  resolvedAt: number | null
}

// ---------------------------------------------------------------------------------------------------------------
// The rollback decision tree

export const DECISION_OUTCOMES = ['rollback-now', 'fix-in-place', 'rollback-fix-redeploy'] as const
export const decisionOutcomeSchema = z.enum(DECISION_OUTCOMES, { error: `outcome must be one of: ${DECISION_OUTCOMES.join(', ')}` })
export type DecisionOutcome = z.infer<typeof decisionOutcomeSchema>

export const OUTCOME_LABELS: Record<DecisionOutcome, string> = {
  'rollback-now': 'Roll back now',
  'fix-in-place': 'Fix in place',
  'rollback-fix-redeploy': 'Roll back, fix, redeploy'
}

const questionNodeSchema = z
  .object({
    id: key('node id'),
    kind: z.literal('question'),
    text: text('text', 300),
    /** What the question means in this team's words, shown under it. */
    hint: z.string().trim().max(500).optional(),
    yes: key('yes'),
    no: key('no')
  })
  .strict()
const outcomeNodeSchema = z
  .object({ id: key('node id'), kind: z.literal('outcome'), outcome: decisionOutcomeSchema, text: text('text', 300) })
  .strict()
export const decisionNodeSchema = z.discriminatedUnion('kind', [questionNodeSchema, outcomeNodeSchema], {
  error: 'kind must be question or outcome'
})
export type DecisionNode = z.infer<typeof decisionNodeSchema>
export type QuestionNode = z.infer<typeof questionNodeSchema>
export type OutcomeNode = z.infer<typeof outcomeNodeSchema>

export interface TreeProblem {
  /** The node the problem is about; null for the tree as a whole. */
  nodeId: string | null
  /** Where in the tree's data it is, for a schema issue's path. */
  path: (string | number)[]
  message: string
}

/**
 * Everything that would leave a person stuck on the way to a decision. With every reference resolved and no loop,
 * every path ends at an outcome, because a question always has both answers: so those two checks are the whole
 * "every path ends at an outcome" rule.
 */
export function decisionTreeProblems(tree: { root: string; nodes: readonly DecisionNode[] }): TreeProblem[] {
  const problems: TreeProblem[] = []
  const byId = new Map<string, DecisionNode>()
  tree.nodes.forEach((n, i) => {
    if (byId.has(n.id)) {
      problems.push({ nodeId: n.id, path: ['nodes', i, 'id'], message: `Node id "${n.id}" is used twice; give each node its own id.` })
    } else byId.set(n.id, n)
  })
  if (!byId.has(tree.root)) {
    problems.push({ nodeId: null, path: ['root'], message: `The root "${tree.root}" is not a node in this tree; set root to the id of the first question.` })
  }
  tree.nodes.forEach((n, i) => {
    if (n.kind !== 'question') return
    for (const answer of ['yes', 'no'] as const) {
      if (!byId.has(n[answer])) {
        problems.push({
          nodeId: n.id,
          path: ['nodes', i, answer],
          message: `Node "${n.id}": the "${answer}" answer leads to "${n[answer]}", which is not a node in this tree, so that path never reaches an outcome.`
        })
      }
    }
  })

  // Depth-first search for loops: a node on the current path that is reached again closes a loop.
  const done = new Set<string>()
  const onPath: string[] = []
  const reported = new Set<string>()
  const visit = (id: string): void => {
    const n = byId.get(id)
    if (!n || done.has(id)) return
    const at = onPath.indexOf(id)
    if (at >= 0) {
      const loop = [...onPath.slice(at), id]
      const signature = [...loop.slice(0, -1)].sort().join()
      if (!reported.has(signature)) {
        reported.add(signature)
        problems.push({
          nodeId: id,
          path: ['nodes', tree.nodes.indexOf(n)],
          message: `Nodes ${loop.map((x) => `"${x}"`).join(' → ')} form a loop: answering them could go round forever without reaching an outcome.`
        })
      }
      return
    }
    if (n.kind === 'question') {
      onPath.push(id)
      visit(n.yes)
      visit(n.no)
      onPath.pop()
    }
    done.add(id)
  }
  if (byId.has(tree.root)) visit(tree.root)
  const reachable = new Set(done)
  for (const id of byId.keys()) visit(id)

  if (byId.has(tree.root)) {
    tree.nodes.forEach((n, i) => {
      if (!reachable.has(n.id) && byId.get(n.id) === n) {
        problems.push({
          nodeId: n.id,
          path: ['nodes', i],
          message: `Node "${n.id}" cannot be reached from the root "${tree.root}"; link to it from a question or remove it.`
        })
      }
    })
  }
  return problems
}

export const decisionTreeSchema = z
  .object({
    root: key('root'),
    nodes: z.array(decisionNodeSchema).min(1, 'a decision tree needs at least one node').max(100, 'a decision tree has at most 100 nodes')
  })
  .strict()
  .superRefine((tree, ctx) => {
    for (const p of decisionTreeProblems(tree)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message })
  })
export type DecisionTree = z.infer<typeof decisionTreeSchema>

/**
 * The playbook's tree: "Issue detected → Is it critical? → YES: Rollback immediately → NO: Can we fix quickly? →
 * YES: Fix in place → NO: Rollback, fix, redeploy".
 */
export const DEFAULT_DECISION_TREE: DecisionTree = {
  root: 'is-critical',
  nodes: [
    {
      id: 'is-critical',
      kind: 'question',
      text: 'Is it critical?',
      hint: 'Critical means system down, data corruption or a security breach (the rollback triggers table).',
      yes: 'rollback-now',
      no: 'fix-quickly'
    },
    { id: 'fix-quickly', kind: 'question', text: 'Can we fix it quickly?', yes: 'fix-in-place', no: 'rollback-fix-redeploy' },
    { id: 'rollback-now', kind: 'outcome', outcome: 'rollback-now', text: 'Roll back immediately.' },
    { id: 'fix-in-place', kind: 'outcome', outcome: 'fix-in-place', text: 'Fix in place, within the severity’s deadline.' },
    { id: 'rollback-fix-redeploy', kind: 'outcome', outcome: 'rollback-fix-redeploy', text: 'Roll back, fix, then redeploy.' }
  ]
}

export const decisionAnswerSchema = z
  .object({
    nodeId: key('nodeId'),
    answer: z.enum(['yes', 'no'], { error: 'answer must be yes or no' }),
    actor: actorSchema,
    rationale: text('rationale', 2000),
    at: epochMs
  })
  .strict()
export type DecisionAnswer = z.infer<typeof decisionAnswerSchema>

// ---------------------------------------------------------------------------------------------------------------
// The rollback procedure and the deployment targets

export const rollbackStepTemplateSchema = z.object({ id: key('step id'), title: text('title', 200), ownerRole: roleSchema }).strict()
export type RollbackStepTemplate = z.infer<typeof rollbackStepTemplateSchema>

export const rollbackTemplateSchema = z
  .object({
    targetMinutes: z.number().int().min(1).max(240).default(15),
    steps: z.array(rollbackStepTemplateSchema).min(1, 'a rollback procedure needs at least one step').max(30)
  })
  .strict()
  .superRefine((t, ctx) => {
    const seen = new Set<string>()
    t.steps.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `step id "${s.id}" is used twice` })
      seen.add(s.id)
    })
  })
export type RollbackTemplate = z.infer<typeof rollbackTemplateSchema>

/**
 * Playbook, rollback planning: "Communicate during rollback (don't leave stakeholders wondering)", "Rollback time
 * < 15 minutes", and blue-green's "If issues arise, switch back to blue".
 */
export const DEFAULT_ROLLBACK_TEMPLATE: RollbackTemplate = {
  targetMinutes: 15,
  steps: [
    { id: 'announce', title: 'Announce the rollback in the war room and to stakeholders', ownerRole: 'devops-lead' },
    { id: 'revert', title: 'Switch traffic back to the previous version, or redeploy it', ownerRole: 'devops-lead' },
    { id: 'verify', title: 'Verify health on the previous version: error rate, latency, smoke tests', ownerRole: 'sre' },
    { id: 'notify', title: 'Notify stakeholders that the rollback is complete', ownerRole: 'product-owner' }
  ]
}

export interface RollbackProcedureStep extends RollbackStepTemplate {
  doneAt: number | null
  doneBy: Actor | null
  note: string | null
}

export interface RollbackProcedure {
  reason: string
  /** Rollback time is measured from here: the moment the decision to roll back was made. */
  decidedAt: number
  decidedBy: Actor
  targetMinutes: number
  steps: RollbackProcedureStep[]
  finishedAt: number | null
}

/** The playbook's deployment metrics: "Deployment Time < 30 minutes", "Rollback Time < 15 minutes". */
export const deploymentTargetsSchema = z
  .object({
    deploymentMinutes: z.number().int().min(1).max(1440).default(30),
    rollbackMinutes: z.number().int().min(1).max(240).default(15)
  })
  .strict()
export type DeploymentTargets = z.infer<typeof deploymentTargetsSchema>
export const DEFAULT_TARGETS: DeploymentTargets = { deploymentMinutes: 30, rollbackMinutes: 15 }

/** The rollout part of a runbook template: what a team may edit besides its plan. */
export const rolloutTemplateSchema = z
  .object({
    triggers: triggerTableSchema,
    decisionTree: decisionTreeSchema,
    rollback: rollbackTemplateSchema,
    targets: deploymentTargetsSchema
  })
  .strict()
export type RolloutTemplate = z.infer<typeof rolloutTemplateSchema>

export const DEFAULT_ROLLOUT_TEMPLATE: RolloutTemplate = {
  triggers: DEFAULT_TRIGGERS,
  decisionTree: DEFAULT_DECISION_TREE,
  rollback: DEFAULT_ROLLBACK_TEMPLATE,
  targets: DEFAULT_TARGETS
}

// ---------------------------------------------------------------------------------------------------------------
// Deployment figures, as main measures them and the header shows them

export type FigureStatus =
  | 'not-started'
  | 'in-progress'
  | 'met'
  | 'missed'
  /** Finished, with no target to hold it against (a low-severity incident has no response time). */
  | 'done'
  /** The deployment stopped before its last step: aborted or rolled back. */
  | 'stopped'

export interface Figure {
  startedAt: number | null
  endedAt: number | null
  elapsedMs: number | null
  targetMs: number | null
  status: FigureStatus
}

export interface DeploymentFigures {
  deployment: Figure
  rollback: Figure
  decisions: { incidentId: string; figure: Figure }[]
}
