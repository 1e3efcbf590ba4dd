import { afterAll, beforeAll, test } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { SignalService, SUMMARY_LAG_MS, type RetentionPolicy } from '../src/main/signals/signal-service'
import { openWarRoom, type WarRoom } from '../src/main/war-room'
import type { SignalDefinition } from '../src/shared/signal'
import { releaseInput } from '../test/support/fixtures'
import { tempDir } from '../test/support/temp-dir'
import { report } from './figures'

/**
 * An hour (five minutes with --quick) of 50 signals polled every 100 ms through the real service: poller, readers
 * over real HTTP, the write path, the stale sweep and sample retention, against endpoints served by a separate
 * process on 127.0.0.1 so that their memory is not counted here.
 *
 * - RSS growth after warm-up: the process's resident size is sampled every 5 s; growth is the median of the last
 *   three samples minus the median of the three at the end of warm-up (a fifth of the run), with the least-squares
 *   slope after warm-up as a note.
 * - Database size within the retention bound. The rule (src/main/signals/signal-service.ts, RetentionPolicy): raw
 *   samples are summarized into one rollup row per signal and minute once they are `SUMMARY_LAG_MS` old, raw ones
 *   older than `rawMs` (and summarized) are dropped, and rollups older than `rollupMs` are pruned, a step every
 *   `everyMs` of at most `rowBudget` rows. The defaults (48 h raw, 30 days of rollups) never engage within an hour,
 *   so the soak shortens raw retention to a fifth of the run: dropping then runs for most of it, and the bound is
 *   what that rule allows at the end. Rows can never exceed, per signal, (the longer of rawMs and the summary lag,
 *   + everyMs + a minute, for dropping whole minutes) / interval raw rows, in the recent and settled tables
 *   together, plus one rollup row per minute of the run; bytes are bounded by those rows at half-full B-tree pages (55 bytes a raw row, 100 a
 *   rollup row), plus the file as it was before polling started, plus a full WAL at its checkpoint size.
 *
 * The poll interval is below what `signals.add` accepts (1 s at least, for real services), so the 50 signals are
 * written through the store directly; everything after that is the app's own path.
 */
const QUICK = Boolean(process.env.WARROOM_BENCH_QUICK)
const RUN_MS = Number(process.env.WARROOM_BENCH_SOAK_SECONDS ?? (QUICK ? 300 : 3600)) * 1000
const SIGNALS = 50
const INTERVAL_MS = 100
const RSS_EVERY_MS = 5000
const WARMUP_MS = RUN_MS / 5
const MiB = 1024 * 1024
const RAW_ROW_BYTES = 55
const ROLLUP_ROW_BYTES = 100
// The WAL at its checkpoint size (src/main/store/database.ts) and one more large transaction past it.
const WAL_ALLOWANCE = (4000 + 1000) * 4096
const minutesOf = (ms: number) => `${Number((ms / 60_000).toFixed(1))} min`

let dir: ReturnType<typeof tempDir>
let room: WarRoom
let endpoints: ChildProcess
let port: number
let dbPath: string

beforeAll(async () => {
  endpoints = spawn(
    process.execPath,
    [
      '-e',
      `const http = require('node:http'); let n = 0;
       const s = http.createServer((req, res) => {
         n++
         if (req.url.startsWith('/metrics')) { res.end('# TYPE queue_depth gauge\\nqueue_depth ' + (n % 97) + '\\n'); return }
         res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify({ checks: { db: { latencyMs: n % 300 } } }))
       });
       s.keepAliveTimeout = 1; s.listen(0, '127.0.0.1', () => console.log(s.address().port))`
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  port = await new Promise<number>((resolve) => endpoints.stdout!.once('data', (c: Buffer) => resolve(Number(String(c).trim()))))
  dir = tempDir('warroom-soak-')
  dbPath = join(dir.path, 'warroom.sqlite')
  room = openWarRoom({ dbPath })
  const created = room.dispatch('releases.create', releaseInput())
  if (!created.ok) throw new Error(created.error.message)
  const releaseId = (created.value as { id: string }).id
  const at = new Date().toISOString()
  room.transact((ctx) => {
    for (let i = 0; i < SIGNALS; i++) {
      const definition: SignalDefinition = {
        name: `soak ${i}`,
        unit: i % 2 ? '' : 'ms',
        source:
          i % 2
            ? { kind: 'scrape', url: `http://127.0.0.1:${port}/metrics?s=${i}`, metric: 'queue_depth' }
            : { kind: 'json', url: `http://127.0.0.1:${port}/health?s=${i}`, path: 'checks.db.latencyMs' },
        intervalMs: INTERVAL_MS,
        timeoutMs: 80,
        thresholds: { direction: 'above', warn: 250, critical: 1000 },
        breach: { kind: 'consecutive', count: 3 },
        severity: 'medium'
      } as SignalDefinition
      ctx.signals.insert({ id: randomUUID(), releaseId, definition, at })
    }
  })
})

afterAll(() => {
  room?.close()
  endpoints?.kill()
  dir?.remove()
})

function fileBytes(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length
  const mx = points.reduce((a, p) => a + p.x, 0) / n
  const my = points.reduce((a, p) => a + p.y, 0) / n
  const num = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0)
  const den = points.reduce((a, p) => a + (p.x - mx) ** 2, 0)
  return den === 0 ? 0 : num / den
}

test(`soak: ${SIGNALS} signals at ${INTERVAL_MS} ms for ${minutesOf(RUN_MS)}`, async () => {
  room.db.pragma('wal_checkpoint(TRUNCATE)')
  const baseline = fileBytes(dbPath)
  const retention = { rawMs: RUN_MS / 5 } satisfies Partial<RetentionPolicy>
  // everyMs as the service's default: the bound below counts one retention step of lag.
  const policy = { everyMs: 10_000, ...retention }
  const service = new SignalService(room, { retention, backfill: false, poller: { spread: true }, log: () => undefined })
  const started = performance.now()
  const rss: { x: number; y: number }[] = []
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const x = performance.now() - started
      rss.push({ x, y: process.memoryUsage().rss })
      if (x >= RUN_MS) {
        clearInterval(timer)
        resolve()
      }
    }, RSS_EVERY_MS)
  })
  const stats = service.stats()
  service.stop()

  const counts = room.db
    .prepare(
      'SELECT (SELECT count(*) FROM samples) + (SELECT count(*) FROM recent_samples) AS raw, (SELECT count(*) FROM sample_rollups) AS rollups, (SELECT coalesce(sum(n), 0) FROM sample_rollups) AS summarized'
    )
    .get() as { raw: number; rollups: number; summarized: number }
  const size = fileBytes(dbPath) + fileBytes(`${dbPath}-wal`)

  const afterWarmup = rss.filter((p) => p.x >= WARMUP_MS)
  const warm = afterWarmup.slice(0, 3).map((p) => p.y)
  const end = rss.slice(-3).map((p) => p.y)
  const growth = (median(end) - median(warm)) / MiB
  const perHour = (slope(afterWarmup) * 3_600_000) / MiB

  const minutes = Math.ceil(RUN_MS / 60_000) + 1
  const rawBound = Math.ceil((SIGNALS * (Math.max(policy.rawMs, SUMMARY_LAG_MS) + policy.everyMs + 60_000)) / INTERVAL_MS)
  const rollupBound = SIGNALS * minutes
  const bound = baseline + rawBound * RAW_ROW_BYTES + rollupBound * ROLLUP_ROW_BYTES + WAL_ALLOWANCE

  report({
    name: `Soak: RSS growth after warm-up (${SIGNALS} signals at ${INTERVAL_MS} ms, ${minutesOf(RUN_MS)})`,
    value: growth,
    unit: 'MB',
    target: '< 20 MB',
    met: growth < 20,
    note: `${(median(warm) / MiB).toFixed(0)} → ${(median(end) / MiB).toFixed(0)} MiB; slope after warm-up ${perHour.toFixed(1)} MB/h; ${stats.polls} polls, ${stats.failures} failed, ${stats.missedTicks} missed ticks`
  })
  report({
    name: `Soak: database size (raw kept ${minutesOf(policy.rawMs)}, then per-minute rollups)`,
    value: size / MiB,
    unit: 'MiB',
    target: `within the retention bound, ${(bound / MiB).toFixed(1)} MiB`,
    met: size <= bound && counts.raw <= rawBound && counts.rollups <= rollupBound,
    note: `${counts.raw} raw rows (bound ${rawBound}), ${counts.rollups} rollup rows (bound ${rollupBound}) summarizing ${counts.summarized} samples`
  })
}, RUN_MS + 120_000)
