import type {
  BigBangPlan,
  BlueGreenPlan,
  CanaryPlan,
  PlanStep,
  RollingPlan,
  RolloutPlan,
  RolloutState,
  RolloutStep
} from '../../shared/rollout'

/**
 * Every strategy becomes one ordered list of steps of the same shape, so the machine that runs them, the soak timer
 * and the rollout lane never ask which strategy they are looking at.
 */
export function compilePlan(plan: RolloutPlan): PlanStep[] {
  switch (plan.strategy) {
    case 'canary':
      return compileCanary(plan)
    case 'blue-green':
      return compileBlueGreen(plan)
    case 'rolling':
      return compileRolling(plan)
    case 'big-bang':
      return compileBigBang(plan)
  }
}

function compileCanary(plan: CanaryPlan): PlanStep[] {
  return plan.steps.map((s) => ({
    id: s.id,
    label: s.label,
    trafficPercent: s.trafficPercent,
    soakSeconds: s.soakSeconds,
    gate: s.gate,
    ...(s.action ? { action: s.action } : {})
  }))
}

/** Playbook: "Deploy a new version of your API to green, run smoke tests, switch the load balancer to green." */
function compileBlueGreen(plan: BlueGreenPlan): PlanStep[] {
  const steps: PlanStep[] = [
    {
      id: 'deploy-green',
      label: 'Deploy the new version to green (no traffic yet)',
      trafficPercent: 0,
      soakSeconds: 0,
      gate: 'none',
      ...(plan.actions?.deployGreen ? { action: plan.actions.deployGreen } : {})
    },
    { id: 'smoke-test', label: 'Smoke test green', trafficPercent: 0, soakSeconds: 0, gate: plan.smokeTestGate },
    {
      id: 'switch-traffic',
      label: 'Switch traffic to green',
      trafficPercent: 100,
      soakSeconds: plan.soakAfterSwitchSeconds,
      gate: 'health',
      ...(plan.actions?.switchTraffic ? { action: plan.actions.switchTraffic } : {})
    }
  ]
  if (plan.rollbackWindowMinutes > 0) {
    steps.push({
      id: 'keep-blue',
      label: `Keep blue ready for the ${plan.rollbackWindowMinutes}-minute rollback window`,
      trafficPercent: 100,
      soakSeconds: plan.rollbackWindowMinutes * 60,
      gate: 'none',
      rollbackWindow: true
    })
  }
  return steps
}

/** Playbook: "deploy to 2 instances, monitor, then deploy to 2 more, and so on." */
function compileRolling(plan: RollingPlan): PlanStep[] {
  const batches = Math.ceil(plan.instances / plan.batchSize)
  return Array.from({ length: batches }, (_, i) => {
    const updated = Math.min((i + 1) * plan.batchSize, plan.instances)
    return {
      id: `batch-${i + 1}`,
      label: `Batch ${i + 1}: ${updated} of ${plan.instances} instances`,
      instances: { updated, total: plan.instances },
      soakSeconds: plan.soakSeconds,
      gate: plan.gate,
      ...(plan.action ? { action: plan.action } : {})
    }
  })
}

/** Playbook: "You take the system down, deploy everything, and bring it back up." */
function compileBigBang(plan: BigBangPlan): PlanStep[] {
  const steps: PlanStep[] = [
    {
      id: 'take-down',
      label: `Start maintenance: take the service down (expected downtime ${plan.expectedDowntimeMinutes} min)`,
      trafficPercent: 0,
      soakSeconds: 0,
      gate: 'none'
    },
    {
      id: 'deploy',
      label: 'Deploy the new version',
      trafficPercent: 0,
      soakSeconds: 0,
      gate: 'none',
      ...(plan.actions?.deploy ? { action: plan.actions.deploy } : {})
    },
    { id: 'bring-up', label: 'Bring the service back up and run smoke tests', trafficPercent: 100, soakSeconds: 0, gate: plan.smokeTestGate }
  ]
  if (plan.watchSeconds > 0) {
    steps.push({ id: 'watch', label: 'Watch health under full traffic', trafficPercent: 100, soakSeconds: plan.watchSeconds, gate: 'health' })
  }
  return steps
}

export function pendingStep(step: PlanStep): RolloutStep {
  return {
    ...step,
    state: 'pending',
    startedAt: null,
    soakStartedAt: null,
    soakEndsAt: null,
    finishedAt: null,
    verdict: null,
    overridden: null,
    actionOutcome: null
  }
}

/** A rollout that has not started: what a release holds while its plan can still be edited. */
export function newRollout(plan: RolloutPlan): RolloutState {
  return {
    strategy: plan.strategy,
    status: 'not-started',
    steps: compilePlan(plan).map(pendingStep),
    startedAt: null,
    startedBy: null,
    hold: null,
    endedAt: null,
    endedBy: null,
    endedReason: null,
    rolledBackAt: null
  }
}
