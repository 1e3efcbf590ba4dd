import { expect, test } from '@playwright/test'
import { removeDir, startHost } from './host'
import { apiOf, people as roles } from './api'

/**
 * A scripted release run against the browser host while it is killed with SIGKILL at random moments, 50 times. After
 * each restart, everything that had been answered 200 is there and the audit chain verifies.
 *
 * Two releases share the host. The first is in planning: notes, votes and checklist items. The second is in
 * production with a rollout of short, manually gated soaks: the rollout is started, steps are passed and advanced
 * (with an override when their gate is not evaluated), incidents are opened and walked down the decision tree. After
 * each restart: every step an answered call passed is still passed with the same verdict; every soak keeps the end
 * it was given (a restarted host counts down from the persisted start, so the time left is the planned end minus
 * now, never the whole soak again); a soak whose end passed while the host was down or restarting has been ended;
 * every opened incident and every answer given is there.
 */
const RESTARTS = 50
/** Soak lengths cycle through these, so some soaks end while the host is down and some span several restarts. */
const SOAKS = [1, 2, 4, 8]
const STEPS = 40

const people = [
  { name: 'Dana Okafor', role: 'devops-lead' },
  { name: 'Sam Lee', role: 'sre' },
  { name: 'Ana Costa', role: 'security-lead' },
  { name: 'Lee Park', role: 'qa-lead' },
  { name: 'Priya Raman', role: 'product-owner' }
] as const
const lead = people[0]

interface StepJson {
  id: string
  state: string
  soakSeconds: number | null
  soakStartedAt: number | null
  soakEndsAt: number | null
  verdict: { result: string; by: string; at: number } | null
}
interface RolloutJson {
  state: { status: string; steps: StepJson[] }
  currentStepIndex: number
}
interface IncidentJson {
  id: string
  summary: string
  answers: { nodeId: string; answer: string }[]
  position: { kind: string; nodeId: string }
}

/** The decision tree walked to "fix in place": not critical, and it can be fixed quickly. */
const WALK: Record<string, 'yes' | 'no'> = { 'is-critical': 'no', 'fix-quickly': 'yes' }

test('nothing answered 200 is lost across 50 SIGKILLs, and soaks resume where they were', async ({ request }) => {
  test.setTimeout(120_000)
  let host = await startHost({ args: ['--no-demo'] })
  const dataDir = host.dataDir
  const call = async (base: string, method: string, body: unknown) => {
    const res = await fetch(`${base}api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    return { status: res.status, body: (await res.json()) as ReturnType<typeof JSON.parse> }
  }
  const releaseInput = (title: string) => ({ title, service: 'checkout', version: '9.9.9', strategy: 'canary', owner: lead.name, actor: lead })
  const releaseId: string = (await call(host.url, 'releases.create', releaseInput('Crash drill'))).body.id
  const items: { id: string; ownerRole: string }[] = (await call(host.url, 'releases.get', { releaseId })).body.checklist

  // The second release, taken to production before the drill starts, with its plan of short manual soaks.
  const setup = apiOf(request, host.url)
  const rolloutRelease: string = (await call(host.url, 'releases.create', releaseInput('Crash drill rollout'))).body.id
  await setup.advanceTo(rolloutRelease, 'staging')
  const steps = Array.from({ length: STEPS }, (_, i) => ({
    id: `step-${i + 1}`,
    label: `${Math.round(((i + 1) / STEPS) * 100)}% of traffic`,
    trafficPercent: Math.round(((i + 1) / STEPS) * 100),
    soakSeconds: SOAKS[i % SOAKS.length],
    gate: 'manual'
  }))
  await setup.call('rollout.plan.set', { releaseId: rolloutRelease, plan: { strategy: 'canary', steps }, actor: roles['devops-lead'] })
  await setup.advanceTo(rolloutRelease, 'production')

  const notes = new Set<string>()
  const votes = new Set<string>()
  const done = new Set<string>()
  let started = false
  /** Per step, what an answered call showed: its verdict's time once passed, its soak's end once it soaked. */
  const passedAt = new Map<string, number>()
  const soakEnds = new Map<string, number>()
  const incidents = new Map<string, string>()
  const answers = new Set<string>()
  let rollout: RolloutJson | undefined
  const endedAcrossRestart = new Set<string>()
  let openIncidents: IncidentJson[] = []
  let seed = 7
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)

  const noteRollout = (view: RolloutJson) => {
    started = true
    for (const s of view.state.steps) {
      if (s.state === 'passed' && s.verdict) passedAt.set(s.id, s.verdict.at)
      if (s.soakEndsAt !== null) soakEnds.set(s.id, s.soakEndsAt)
    }
  }

  /** One move of the rollout, chosen from what the room showed after the last restart. */
  const rolloutMove = (base: string, round: number): Promise<void> | undefined => {
    const current = rollout && rollout.currentStepIndex >= 0 ? rollout.state.steps[rollout.currentStepIndex] : undefined
    const acked = (r: { status: number; body: RolloutJson }) => void (r.status === 200 && noteRollout(r.body))
    if (!started) return call(base, 'rollout.start', { releaseId: rolloutRelease, actor: lead }).then(acked, () => undefined)
    if (current?.state === 'awaiting-gate') {
      const input = { releaseId: rolloutRelease, stepId: current.id, result: 'pass', rationale: `round ${round}: steady`, actor: lead }
      return call(base, 'rollout.gate', input).then(acked, () => undefined)
    }
    // Mostly let a soak run out (so that many end across a kill), sometimes override it.
    if (current?.state === 'soaking' && random() < 0.75) return undefined
    return call(base, 'rollout.advance', { releaseId: rolloutRelease, override: { rationale: `round ${round}: drill` }, actor: lead }).then(acked, () => undefined)
  }

  /** One move on the incidents: open one, or answer the next question of one being walked. */
  const incidentMove = (base: string, round: number): Promise<void> | undefined => {
    const walking = openIncidents.find((i) => i.position.kind === 'question')
    if (walking && random() < 0.7) {
      const nodeId = walking.position.nodeId
      const input = { releaseId: rolloutRelease, incidentId: walking.id, nodeId, answer: WALK[nodeId] ?? 'no', rationale: `round ${round}`, actor: lead }
      return call(base, 'incidents.answer', input).then((r) => void (r.status === 200 && answers.add(`${walking.id} ${nodeId}`)), () => undefined)
    }
    if (openIncidents.length >= 3) return undefined
    const summary = `round ${round}: checkout errors`
    return call(base, 'incidents.open', { releaseId: rolloutRelease, severity: random() < 0.5 ? 'medium' : 'low', summary, actor: people[1] }).then(
      (r) => void (r.status === 200 && incidents.set(r.body.id, summary)),
      () => undefined
    )
  }

  for (let round = 0; round < RESTARTS; round++) {
    const base = host.url
    // The rollout and the incidents move first in a burst when they move, so that some of their calls are answered
    // before the kill; half the rounds each, so that the checklist and the votes get their share.
    const pending: Promise<void>[] = []
    const rolloutCall = random() < 0.5 ? rolloutMove(base, round) : undefined
    if (rolloutCall) pending.push(rolloutCall)
    const incidentCall = random() < 0.5 ? incidentMove(base, round) : undefined
    if (incidentCall) pending.push(incidentCall)
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
    await new Promise((r) => setTimeout(r, Math.floor(random() * 40)))
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

    const read = async () => (await call(host.url, 'releases.get', { releaseId: rolloutRelease })).body as { rollout: RolloutJson; incidents: IncidentJson[] }
    let live = await read()
    const step = (id: string) => live.rollout.state.steps.find((s) => s.id === id)!
    if (started) expect(live.rollout.state.status, `rollout started before kill ${round}`).not.toBe('not-started')
    for (const [id, at] of passedAt) expect(step(id), `step ${id} passed before kill ${round}`).toMatchObject({ state: 'passed', verdict: { at } })
    for (const [id, end] of soakEnds) {
      // The soak keeps the end it was given: never restarted from zero by the new process.
      expect(step(id).soakEndsAt, `soak of ${id} across kill ${round}`).toBe(end)
      expect(end).toBe(step(id).soakStartedAt! + step(id).soakSeconds! * 1000)
    }
    // A soak whose end has passed was ended by the restarted host's timer, even if it ended while the host was down.
    const overdue = () => live.rollout.state.steps.filter((s) => s.state === 'soaking' && s.soakEndsAt! < Date.now() - 1000).map((s) => s.id)
    if (overdue().length > 0) {
      await expect.poll(async () => ((live = await read()), overdue()), { timeout: 5000, intervals: [100] }).toEqual([])
    }
    for (const s of live.rollout.state.steps.filter((x) => x.state === 'soaking')) expect(s.soakEndsAt! - Date.now()).toBeLessThanOrEqual(s.soakSeconds! * 1000)
    // Soaks that were running when the last check saw them and whose end came across this kill and restart.
    for (const before of rollout?.state.steps.filter((x) => x.state === 'soaking') ?? []) {
      if (step(before.id).state !== 'soaking' && step(before.id).verdict?.by !== 'override') endedAcrossRestart.add(before.id)
    }
    const byId = new Map(live.incidents.map((i) => [i.id, i]))
    for (const [id, summary] of incidents) expect(byId.get(id)?.summary, `incident ${id} opened before kill ${round}`).toBe(summary)
    for (const key of answers) {
      const [id, nodeId] = key.split(' ')
      expect(byId.get(id)?.answers.map((a) => a.nodeId), `answer ${key} before kill ${round}`).toContain(nodeId)
    }
    expect((await call(host.url, 'timeline.verify', { releaseId: rolloutRelease })).body).toMatchObject({ ok: true })
    rollout = live.rollout
    openIncidents = live.incidents.filter((i) => i.position.kind === 'question')
  }
  console.log(
    `crash drill: ${notes.size} notes, ${votes.size} votes, ${done.size} items, ${passedAt.size} steps passed, ${soakEnds.size} soaks, ${incidents.size} incidents, ${answers.size} answers acknowledged; ${endedAcrossRestart.size} soaks ended across a restart`
  )
  expect(notes.size + votes.size + done.size).toBeGreaterThan(RESTARTS)
  // The drill did move the rollout and walk incidents, or it proved nothing about them.
  expect(passedAt.size).toBeGreaterThanOrEqual(5)
  expect(soakEnds.size).toBeGreaterThanOrEqual(5)
  expect(incidents.size).toBeGreaterThanOrEqual(2)
  expect(answers.size).toBeGreaterThanOrEqual(2)
  expect(endedAcrossRestart.size).toBeGreaterThanOrEqual(2)
  await host.stop()
  removeDir(dataDir)
})
