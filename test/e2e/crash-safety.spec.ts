import { expect, test } from '@playwright/test'
import { removeDir, startHost } from './host'

/**
 * A scripted release run against the browser host while it is killed with SIGKILL at random moments, 50 times. After
 * each restart, everything that had been answered 200 is there and the audit chain verifies.
 */
const RESTARTS = 50

const people = [
  { name: 'Dana Okafor', role: 'devops-lead' },
  { name: 'Sam Lee', role: 'sre' },
  { name: 'Ana Costa', role: 'security-lead' },
  { name: 'Lee Park', role: 'qa-lead' },
  { name: 'Priya Raman', role: 'product-owner' }
] as const

test('nothing answered 200 is lost across 50 SIGKILLs', async () => {
  test.setTimeout(120_000)
  let host = await startHost({ args: ['--no-demo'] })
  const dataDir = host.dataDir
  const call = async (base: string, method: string, body: unknown) => {
    const res = await fetch(`${base}api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    return { status: res.status, body: (await res.json()) as ReturnType<typeof JSON.parse> }
  }
  const created = await call(host.url, 'releases.create', {
    title: 'Crash drill',
    service: 'checkout',
    version: '9.9.9',
    strategy: 'canary',
    owner: 'Dana Okafor',
    actor: people[0]
  })
  const releaseId: string = created.body.id
  const items: { id: string; ownerRole: string }[] = (await call(host.url, 'releases.get', { releaseId })).body.checklist

  const notes = new Set<string>()
  const votes = new Set<string>()
  const done = new Set<string>()
  let seed = 7
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)

  for (let round = 0; round < RESTARTS; round++) {
    const base = host.url
    const pending: Promise<void>[] = []
    const burst = 5 + Math.floor(random() * 20)
    for (let i = 0; i < burst; i++) {
      const pick = random()
      const actor = people[Math.floor(random() * people.length)]
      if (pick < 0.4) {
        const text = `round ${round} note ${i}`
        pending.push(call(base, 'notes.add', { releaseId, text, actor }).then((r) => void (r.status === 200 && notes.add(text)), () => undefined))
      } else if (pick < 0.7) {
        pending.push(
          call(base, 'decisions.vote', { releaseId, gate: 'ready', verdict: random() < 0.5 ? 'go' : 'no-go', rationale: `round ${round}`, actor }).then(
            (r) => void (r.status === 200 && votes.add(r.body.id)),
            () => undefined
          )
        )
      } else {
        const item = items[Math.floor(random() * items.length)]
        const owner = people.find((p) => p.role === item.ownerRole) ?? people[0]
        pending.push(
          call(base, 'checklist.set', { releaseId, itemId: item.id, status: 'done', actor: owner }).then((r) => void (r.status === 200 && done.add(item.id)), () => undefined)
        )
      }
    }
    // Kill at a random moment: some calls answered, some in flight, some not yet sent.
    await new Promise((r) => setTimeout(r, Math.floor(random() * 25)))
    await host.kill()
    await Promise.all(pending)

    host = await startHost({ dataDir, args: ['--no-demo'] })
    const room = (await call(host.url, 'releases.get', { releaseId })).body
    const timeline = (await call(host.url, 'timeline.list', { releaseId, limit: 5000 })).body as { kind: string; summary: string }[]
    const noteTexts = new Set(timeline.filter((e) => e.kind === 'note').map((e) => e.summary))
    for (const text of notes) expect(noteTexts.has(text), `note "${text}" acknowledged before kill ${round}`).toBe(true)
    const voteIds = new Set((room.votes as { id: string }[]).map((v) => v.id))
    for (const id of votes) expect(voteIds.has(id), `vote ${id} acknowledged before kill ${round}`).toBe(true)
    for (const id of done) expect(room.checklist.find((i: { id: string }) => i.id === id)?.status).toBe('done')
    expect((await call(host.url, 'timeline.verify', { releaseId })).body).toMatchObject({ ok: true })
  }
  expect(notes.size + votes.size + done.size).toBeGreaterThan(RESTARTS)
  await host.stop()
  removeDir(dataDir)
})
