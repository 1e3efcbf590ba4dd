import { afterAll, beforeAll, test } from 'vitest'
import { performance } from 'node:perf_hooks'
import { startHttpHost, type HttpHost } from '../src/main/host/http-host'
import { record } from '../src/main/timeline/record'
import { testRoom } from '../test/support/room'
import { releaseInput } from '../test/support/fixtures'
import { percentile, report } from './figures'

/** releases.get on a big room: 300 checklist items and 20,000 timeline events. */
let t: ReturnType<typeof testRoom>
let host: HttpHost
let releaseId: string

beforeAll(async () => {
  t = testRoom()
  const created = t.room.dispatch('releases.create', releaseInput())
  if (!created.ok) throw new Error(created.error.message)
  releaseId = (created.value as { id: string }).id
  const have = (t.room.dispatch('releases.get', { releaseId }) as { ok: true; value: { checklist: unknown[] } }).value.checklist.length
  const tasks = Array.from({ length: 300 - have }, (_, i) => `- [ ] Extra check ${i} @sre`).join('\n')
  const imported = t.room.dispatch('checklist.import', { releaseId, markdown: tasks, actor: { name: 'Dana Okafor', role: 'devops-lead' } })
  if (!imported.ok) throw new Error(imported.error.message)
  t.room.transact((ctx) => {
    for (let i = 0; i < 20_000; i++) record(ctx, { releaseId, kind: 'note', actor: { name: 'Sam Lee', role: 'sre' }, summary: `note ${i}` })
  })
  host = await startHttpHost({ room: t.room, version: 'bench', host: '127.0.0.1', port: 0 })
})
afterAll(async () => {
  await host.close()
  t.dispose()
})

test('releases.get in process', () => {
  for (let i = 0; i < 50; i++) t.room.dispatch('releases.get', { releaseId })
  const times: number[] = []
  for (let i = 0; i < 500; i++) {
    const s = performance.now()
    t.room.dispatch('releases.get', { releaseId })
    times.push(performance.now() - s)
  }
  const p95 = percentile(times, 95)
  report({ name: 'API releases.get in process p95 (300 items, 20k events)', value: p95, unit: 'ms', target: '< 5 ms', met: p95 < 5 })
})

test('releases.get over HTTP', async () => {
  const call = () =>
    fetch(`${host.url}api/releases.get`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ releaseId }) }).then((r) => r.arrayBuffer())
  for (let i = 0; i < 20; i++) await call()
  const times: number[] = []
  for (let i = 0; i < 300; i++) {
    const s = performance.now()
    await call()
    times.push(performance.now() - s)
  }
  const p95 = percentile(times, 95)
  report({ name: 'API releases.get over HTTP p95 (300 items, 20k events)', value: p95, unit: 'ms', target: '< 15 ms', met: p95 < 15 })
})
