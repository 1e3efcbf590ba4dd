import { useEffect, useState } from 'react'

/** The current time, re-read every `everyMs`: countdowns tick without each one owning a timer of its own. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(t)
  }, [everyMs])
  return now
}
