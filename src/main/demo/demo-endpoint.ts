import type { WarRoom } from '../war-room'
import type { DemoView } from '../../shared/room-signals'
import { readRolloutPart } from '../rollout/rollout-room'
import { recordSignal } from '../signals/signal-record'
import { startDemoMetricsServer, type DemoMetricsServer } from './demo-metrics/demo-metrics-server'
import type { DemoControl } from './demo-metrics/demo-control'

export interface DemoEndpoint {
  url: string
  close(): Promise<void>
}

/**
 * Starts the demo's metrics endpoint for the demo release, if this data folder has one, and keeps it in step with
 * the room:
 *
 * 1. It listens on 127.0.0.1, on the port it had last run when that port is free (so the signals' URLs usually stay
 *    as they were), else on any free port.
 * 2. The demo release's signals are stored against the origin recorded with it (`demo_release.origin`: the
 *    placeholder `http://demo-metrics.invalid` on first run, the last endpoint after). When the endpoint's origin
 *    differs, every demo signal whose URL starts with the recorded origin is re-pointed to the new one through the
 *    store, with one timeline entry saying so, and the new origin is recorded. This runs before the poller starts.
 * 3. The fault the demo was last told to show is applied again, and the canary's traffic % follows the rollout's
 *    current step whenever a rollout entry lands on the demo release's timeline (read defensively: a room without a
 *    rollout leaves the demo at its default 10 %).
 * 4. "Inject fault" (`signals.demo`) is published after commit as a `signal.demo` event; this link POSTs it to the
 *    endpoint's /control, as an operator's tool would.
 *
 * Returns null, starting nothing, when there is no demo release (`--no-demo`, or a data folder from before it).
 */
export async function startDemoEndpoint(room: WarRoom): Promise<DemoEndpoint | null> {
  const demo = room.transact((ctx) => ctx.demo.all()[0], { writes: false })
  if (!demo) return null
  const releaseId = demo.releaseId
  const previousPort = portOf(demo.origin)
  let server: DemoMetricsServer
  try {
    server = await startDemoMetricsServer({ clock: room.clock, port: previousPort, trafficPercent: demo.trafficPercent })
  } catch {
    server = await startDemoMetricsServer({ clock: room.clock, port: 0, trafficPercent: demo.trafficPercent })
  }
  if (server.url !== demo.origin) repoint(room, releaseId, demo.origin, server.url)

  const post = async (control: DemoControl) => {
    try {
      const res = await fetch(`${server.url}/control`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(control),
        signal: AbortSignal.timeout(2000)
      })
      if (!res.ok) console.error(`Demo endpoint refused ${JSON.stringify(control)}: HTTP ${res.status} ${await res.text()}`)
    } catch (error) {
      console.error('Demo endpoint could not be reached', error)
    }
  }

  const followRollout = () => {
    let percent: number | undefined
    try {
      percent = room.transact((ctx) => rolloutTrafficPercent(readRolloutPart(ctx, releaseId)), { writes: false })
    } catch {
      return // no rollout feature (yet), or no rollout on this release: the demo keeps its traffic
    }
    if (percent === undefined) return
    const current = room.transact((ctx) => ctx.demo.get(releaseId), { writes: false })
    if (!current || current.trafficPercent === percent) return
    const view = room.transact((ctx) => {
      ctx.demo.setTraffic(releaseId, percent)
      const next = ctx.demo.get(releaseId)!
      const v: DemoView = { origin: next.origin, fault: next.fault, trafficPercent: next.trafficPercent }
      ctx.emit({ type: 'signal.demo', releaseId, demo: v })
      return v
    })
    void post({ trafficPercent: view.trafficPercent })
  }

  const unsubscribe = room.bus.subscribe((event) => {
    if (event.type === 'signal.demo' && event.releaseId === releaseId) void post({ fault: event.demo.fault })
    if (event.type === 'timeline.appended' && event.entry.releaseId === releaseId && event.entry.kind.startsWith('rollout.')) followRollout()
  })

  if (demo.fault !== 'none') await post({ fault: demo.fault })
  followRollout()

  return {
    url: server.url,
    close: async () => {
      unsubscribe()
      await server.close()
    }
  }
}

function portOf(origin: string): number {
  try {
    const url = new URL(origin)
    return url.hostname === '127.0.0.1' && url.port ? Number(url.port) : 0
  } catch {
    return 0
  }
}

function repoint(room: WarRoom, releaseId: string, from: string, to: string): void {
  room.transact((ctx) => {
    const at = new Date(ctx.clock.now()).toISOString()
    let moved = 0
    for (const s of ctx.signals.list(releaseId)) {
      if (!s.definition.source.url.startsWith(from)) continue
      const url = to + s.definition.source.url.slice(from.length)
      ctx.signals.define(s.id, { ...s.definition, source: { ...s.definition.source, url } }, at)
      moved++
    }
    ctx.demo.setOrigin(releaseId, to)
    if (moved > 0) {
      recordSignal(ctx, {
        releaseId,
        kind: 'signal.updated',
        actor: null,
        summary: `The demo metrics endpoint is at ${to} this run; ${moved} demo signals now read from there`,
        data: { from, to, signals: moved }
      })
    }
  })
}

/** The traffic % of the rollout's current step, from the rollout feature's part of the room, if it has one. */
export function rolloutTrafficPercent(part: unknown): number | undefined {
  const rollout = (part as { rollout?: { state?: { status?: unknown; steps?: unknown }; currentStepIndex?: unknown } } | undefined)?.rollout
  const steps = rollout?.state?.steps
  if (!Array.isArray(steps) || steps.length === 0) return undefined
  const status = rollout?.state?.status
  if (status === 'completed') return 100
  if (status === 'rolled-back' || status === 'rolling-back') return 0
  if (status !== 'running' && status !== 'held') return undefined
  const index = typeof rollout?.currentStepIndex === 'number' ? rollout.currentStepIndex : -1
  const step = steps[index] as { trafficPercent?: unknown } | undefined
  return typeof step?.trafficPercent === 'number' ? step.trafficPercent : undefined
}
