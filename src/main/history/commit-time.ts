/**
 * Why a commit time cannot be the start of this release's lead time, or undefined when it can: a commit is in the
 * past, and before the release entered production.
 */
export function commitTimeProblem(commitAt: number, now: number, deployedAt: number | null): string | undefined {
  if (commitAt > now) return `The commit time ${new Date(commitAt).toISOString()} is in the future; give the time the change was committed.`
  if (deployedAt !== null && commitAt > deployedAt) {
    return `The commit time ${new Date(commitAt).toISOString()} is after the release entered production (${new Date(deployedAt).toISOString()}); a change is committed before it ships.`
  }
  return undefined
}
