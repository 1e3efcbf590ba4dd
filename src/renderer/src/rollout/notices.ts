import type { DomainEvent } from '../../../shared/events'

/**
 * Desktop notifications for the moments a person must look: a soak ended, a gate failed, an incident opened, a
 * deadline nears or passed. The browser's Notification API works in both hosts (Electron's renderer has it too).
 */

export interface Notice {
  /** What happened, without the release: for the line in the page. */
  heading: string
  title: string
  body: string
  /** Notifications with the same tag replace each other, so a burst does not stack up. */
  tag: string
}

export function noticeFor(event: DomainEvent, releaseId: string | null, releaseTitle: string): Notice | null {
  if (event.type !== 'rollout.notice' || event.releaseId !== releaseId) return null
  return { heading: event.title, title: `${event.title} · ${releaseTitle}`, body: event.text, tag: `${event.releaseId}:${event.notice}` }
}

export type Permission = 'granted' | 'denied' | 'default' | 'unsupported'

interface NotificationApi {
  permission: NotificationPermission
  requestPermission(): Promise<NotificationPermission>
  new (title: string, options?: NotificationOptions): Notification
}

function api(): NotificationApi | null {
  return typeof globalThis.Notification === 'function' ? (globalThis.Notification as unknown as NotificationApi) : null
}

export function notificationPermission(): Permission {
  return api()?.permission ?? 'unsupported'
}

/** Must run from a click: browsers only ask on a user gesture. */
export async function askPermission(): Promise<Permission> {
  const n = api()
  if (!n) return 'unsupported'
  try {
    return await n.requestPermission()
  } catch {
    return n.permission
  }
}

export function showNotice(notice: Notice): boolean {
  const n = api()
  if (!n || n.permission !== 'granted') return false
  try {
    new n(notice.title, { body: notice.body, tag: notice.tag })
    return true
  } catch {
    return false
  }
}
