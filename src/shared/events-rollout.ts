/**
 * Events the rollout feature adds to the stream. Every rollout change is also a timeline entry (which is what makes
 * clients refetch); a notice says in addition that a person should look now, so clients raise a desktop notification.
 */
export const NOTICE_KINDS = ['soak-ended', 'gate-failed', 'incident-opened', 'deadline-nearing', 'deadline-passed', 'action-failed'] as const
export type NoticeKind = (typeof NOTICE_KINDS)[number]

export type RolloutEventBody = { type: 'rollout.notice'; releaseId: string; notice: NoticeKind; title: string; text: string }
