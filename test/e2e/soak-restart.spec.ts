import { expect, test } from '@playwright/test'
import { removeDir, startHost } from './host'
import { apiOf } from './api'

interface RoomJson {
  rollout: { state: { steps: { id: string; state: string; soakEndsAt: number | null }[] } }
}

test('a host killed mid-soak resumes the soak with the right time left', async ({ request }) => {
  test.setTimeout(60_000)
  let host = await startHost({ args: ['--no-demo'] })
  let api = apiOf(request, host.url)
  const releaseId = await api.createRelease({ title: 'Soak drill', version: '2.6.1' })
  await api.startCanary(releaseId, [
    { id: 'canary-5', label: '5% of traffic', trafficPercent: 5, soakSeconds: 6, gate: 'manual' },
    { id: 'full', label: '100% of traffic', trafficPercent: 100, soakSeconds: 0, gate: 'none' }
  ])
  const before = await api.call<RoomJson>('releases.get', { releaseId })
  const soakEndsAt = before.rollout.state.steps[0].soakEndsAt!
  expect(before.rollout.state.steps[0].state).toBe('soaking')

  // Two seconds into the six-second soak, the process dies without a chance to save anything.
  await new Promise((r) => setTimeout(r, 2000))
  await host.kill()
  host = await startHost({ dataDir: host.dataDir, args: ['--no-demo'] })
  api = apiOf(request, host.url)

  const after = await api.call<RoomJson>('releases.get', { releaseId })
  expect(after.rollout.state.steps[0]).toMatchObject({ state: 'soaking', soakEndsAt })
  const ended = async () =>
    (await api.call<{ kind: string; at: string }[]>('timeline.list', { releaseId, kinds: ['rollout.soak-ended'] }))[0]?.at
  await expect.poll(ended, { timeout: 15_000, intervals: [250] }).toBeTruthy()
  const endedAt = Date.parse((await ended())!)
  expect(endedAt).toBeGreaterThanOrEqual(soakEndsAt)
  expect(endedAt - soakEndsAt).toBeLessThan(1500)
  await host.stop()
  removeDir(host.dataDir)
})
