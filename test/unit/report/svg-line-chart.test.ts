import { describe, expect, it } from 'vitest'
import { CHART_MAX_POINTS, escapeXml, lineChartSvg, niceTicks } from '../../../src/main/report/svg-line-chart'
import { downsample } from '../../../src/main/report/downsample'

const T0 = Date.parse('2026-01-20T10:00:00Z')
const series = (n: number, value: (i: number) => number) => Array.from({ length: n }, (_, i) => ({ t: T0 + i * 1000, v: value(i) }))

describe('downsample', () => {
  it('keeps a short series as it is and cuts a long one to the cap, keeping each bucket’s low and high in time order', () => {
    expect(downsample(series(10, (i) => i), 400)).toHaveLength(10)
    const long = series(10_000, (i) => (i === 7_777 ? 500 : i % 7))
    const kept = downsample(long, 400)
    expect(kept.length).toBeLessThanOrEqual(400)
    expect(kept.some((p) => p.v === 500)).toBe(true)
    expect(kept.every((p, i) => i === 0 || p.t > kept[i - 1].t)).toBe(true)
  })
})

describe('niceTicks', () => {
  it('gives round values across the range', () => {
    expect(niceTicks(0, 2)).toEqual([0, 0.5, 1, 1.5, 2])
    expect(niceTicks(140, 200)).toEqual([140, 160, 180, 200])
  })
})

describe('lineChartSvg', () => {
  const svg = lineChartSvg({
    title: 'Canary <error> rate',
    unit: '%',
    points: series(2_000, (i) => (i % 10) / 100),
    thresholds: [
      { label: 'warn', value: 0.5, kind: 'warn' },
      { label: 'critical', value: 2, kind: 'critical' }
    ]
  })

  it('titles the chart with the signal name in a <text>, escaped, and labels both axes', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    expect(svg).toContain('>Canary &lt;error&gt; rate (%)</text>')
    expect(svg).toContain('>10:00</text>')
    expect(svg).toContain('>10:33</text>')
    expect(svg).toMatch(/>1\.5<\/text>/)
  })

  it('draws the warn and critical lines with their values', () => {
    expect(svg).toContain('>warn 0.5 %</text>')
    expect(svg).toContain('>critical 2 %</text>')
    expect(svg.match(/stroke-dasharray/g)).toHaveLength(2)
  })

  it('draws at most CHART_MAX_POINTS points', () => {
    const path = /<path d="([^"]+)"/.exec(svg)![1]
    const points = path.split(/[ML]/).filter(Boolean).length
    expect(points).toBeGreaterThan(100)
    expect(points).toBeLessThanOrEqual(CHART_MAX_POINTS)
  })

  it('shows seconds on the time axis when the span is short', () => {
    const short = lineChartSvg({ title: 'p95', unit: 'ms', points: series(60, (i) => i) })
    expect(short).toContain('>10:00:00</text>')
    expect(short).toContain('>10:00:59</text>')
  })

  it('keeps a threshold label inside the plot when its line runs along the top', () => {
    const top = lineChartSvg({ title: 'p95', unit: 'ms', points: series(10, () => 100), thresholds: [{ label: 'critical', value: 400, kind: 'critical' }] })
    const lineY = Number(/stroke-dasharray="6 4"/.test(top) && /<line x1="64" x2="624" y1="([\d.]+)"[^>]*stroke-dasharray/.exec(top)![1])
    const labelY = Number(/<text [^>]*y="([\d.]+)"[^>]*>critical 400 ms<\/text>/.exec(top)![1])
    expect(labelY).toBeGreaterThan(lineY)
  })

  it('says so when there are no readings', () => {
    expect(lineChartSvg({ title: 'Availability', unit: '%', points: [], from: T0, to: T0 + 60_000 })).toContain('>No readings</text>')
  })

  it('escapes every XML special character', () => {
    expect(escapeXml(`a&b<c>"d"'e'`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;')
  })
})
