import { useEffect, useState } from 'react'
import type { Room } from '../../../shared/room'
import type { OutcomeSignalLink } from '../../../shared/review'
import { client } from '../session/room'

/** Which success criteria are read from a signal, by criterion index; re-read whenever the room's timeline grows. */
export function useOutcomeLinks(room: Room): Record<number, OutcomeSignalLink> {
  const [links, setLinks] = useState<{ releaseId: string; byCriterion: Record<number, OutcomeSignalLink> }>({ releaseId: '', byCriterion: {} })
  const releaseId = room.release.id
  const head = room.timeline.headHash
  useEffect(() => {
    let live = true
    client
      .call('outcomes.signal.list', { releaseId })
      .then((list) => live && setLinks({ releaseId, byCriterion: Object.fromEntries(list.map((l) => [l.criterion, l])) }))
      .catch(() => undefined) // the outcomes still show; the link line is a detail
    return () => {
      live = false
    }
  }, [releaseId, head])
  return links.releaseId === releaseId ? links.byCriterion : {}
}
