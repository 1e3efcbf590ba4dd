import { useCallback, useState } from 'react'

/**
 * Runs one call from a view and keeps its refusal to show beside the control that made it. The host's message is
 * already a sentence for a person, so it is shown as is.
 */
export function useCall() {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true)
    setError(null)
    try {
      return await action()
    } catch (e) {
      setError((e as Error).message)
      return undefined
    } finally {
      setBusy(false)
    }
  }, [])
  return { run, error, busy, clearError: () => setError(null) }
}
