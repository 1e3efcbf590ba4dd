import type { MetricKey } from '../../shared/report'
import type { DeploymentTargets } from '../../shared/rollout'
import { DEFAULT_METRIC_TARGETS, type ReportSettings } from '../../shared/report-targets'

/** The playbook's targets, then the release's rollout targets (deployment and rollback time), then the release's own edits. */
export function effectiveTargets(rolloutTargets: DeploymentTargets, settings: ReportSettings): Record<MetricKey, number> {
  return {
    ...DEFAULT_METRIC_TARGETS,
    'deployment-time': rolloutTargets.deploymentMinutes,
    'rollback-time': rolloutTargets.rollbackMinutes,
    ...settings.targets
  }
}
