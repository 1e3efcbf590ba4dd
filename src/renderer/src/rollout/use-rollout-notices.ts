import { useEffect, useState } from 'react'
import { client } from '../session/room'
import { askPermission, noticeFor, notificationPermission, showNotice, type Notice, type Permission } from './notices'

/**
 * Listens for the open release's rollout notices: shows each as a desktop notification when permitted, and keeps
 * the latest for the lane to show in the page as well (a notification can be missed; the lane cannot).
 */
export function useRolloutNotices(releaseId: string, releaseTitle: string) {
  const [permission, setPermission] = useState<Permission>(() => notificationPermission())
  const [latest, setLatest] = useState<(Notice & { at: number }) | null>(null)
  useEffect(
    () =>
      client.subscribe((event) => {
        const notice = noticeFor(event, releaseId, releaseTitle)
        if (!notice) return
        setLatest({ ...notice, at: Date.now() })
        showNotice(notice)
      }),
    [releaseId, releaseTitle]
  )
  return {
    permission,
    latest,
    enable: async () => setPermission(await askPermission())
  }
}
