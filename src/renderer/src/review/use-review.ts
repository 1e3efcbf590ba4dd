import { useEffect, useState } from 'react'
import type { Room } from '../../../shared/room'
import { hasReview, type PostReview } from '../../../shared/review'
import { client } from '../session/room'

/**
 * The release's review, read again whenever the room's timeline grows: every change to the review (and to the record
 * its draft is made from) appends there, so the head hash is the one thing to watch.
 */
export function useReview(room: Room): { review: PostReview | null; error: string | null; show(next: PostReview): void } {
  const [review, setReview] = useState<PostReview | null>(null)
  const [error, setError] = useState<string | null>(null)
  const open = hasReview(room.release.status)
  const releaseId = room.release.id
  const head = room.timeline.headHash

  useEffect(() => {
    if (!open) return
    let live = true
    client
      .call('review.get', { releaseId })
      .then((r) => live && (setReview(r), setError(null)))
      .catch((e: unknown) => live && setError((e as Error).message))
    return () => {
      live = false
    }
  }, [open, releaseId, head])

  return { review: open && review?.releaseId === releaseId ? review : null, error: open ? error : null, show: setReview }
}
