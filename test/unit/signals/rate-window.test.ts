import { describe, expect, it } from 'vitest'
import { RateWindow } from '../../../src/main/monitoring/rate-window'
import { createSourceReader } from '../../../src/main/monitoring/source-reader'
import { manualClock } from '../../../src/main/clock'

const snap = (t: number, entries: Record<string, number>) => ({ t, series: new Map(Object.entries(entries)) })

describe('rates over a window of scrapes', () => {
  it('sums per-interval increases across a counter reset and drops intervals that left the window', () => {
    const w = new RateWindow(10_000)
    expect(w.add(snap(0, { a: 100 }))).toBe(false)
    w.add(snap(5000, { a: 150 }))
    w.add(snap(10_000, { a: 20 })) // restarted: 20 counted since the reset
    expect(w.totals()).toEqual({ increases: new Map([['a', 70]]), spanMs: 10_000 })
    w.add(snap(15_000, { a: 30 }))
    expect(w.totals()).toEqual({ increases: new Map([['a', 30]]), spanMs: 10_000 })
  })

  it('keeps only the newest interval without a window', () => {
    const w = new RateWindow(0)
    w.add(snap(0, { a: 0 }))
    w.add(snap(1000, { a: 5 }))
    w.add(snap(2000, { a: 7 }))
    expect(w.totals()).toEqual({ increases: new Map([['a', 2]]), spanMs: 1000 })
  })

  it('reads an error ratio (5xx over all) over a window from a scrape', async () => {
    const clock = manualClock(0)
    const pages = [
      'r{code="200"} 1000\nr{code="500"} 0\n',
      'r{code="200"} 1990\nr{code="500"} 10\n',
      'r{code="200"} 2990\nr{code="500"} 10\n'
    ]
    let i = 0
    const reader = createSourceReader(
      { kind: 'scrape', url: 'http://x/metrics', metric: 'r', labels: { code: '500' }, rate: true, windowSeconds: 60, over: {} },
      {
        clock,
        get: async () => ({ ok: true, status: 200, body: Buffer.from(pages[i++]), elapsedMs: 1, contentType: 'text/plain' }) as never
      }
    )
    expect(await reader.read({ timeoutMs: 100 })).toMatchObject({ ok: false, reason: 'no-data' })
    clock.advance(10_000)
    expect(await reader.read({ timeoutMs: 100 })).toMatchObject({ ok: true, value: 0.01 })
    clock.advance(10_000)
    expect(await reader.read({ timeoutMs: 100 })).toMatchObject({ ok: true, value: 0.005 })
  })
})
