import { STAGE_ORDER, type ReleaseStatus } from '../../../../shared/release'

/** The happy path as a track, the current stage lit; a release off the path shows where it left it. */
export function StageTrack({ status }: { status: ReleaseStatus }) {
  const at = STAGE_ORDER.indexOf(status)
  return (
    <ol className="stage-track" aria-label="Release stages">
      {STAGE_ORDER.map((s, i) => (
        <li key={s} className={i < at ? 'stage-done' : i === at ? 'stage-current' : 'stage-ahead'} aria-current={i === at ? 'step' : undefined}>
          {s}
        </li>
      ))}
    </ol>
  )
}
