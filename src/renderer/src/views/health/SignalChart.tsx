import { useEffect, useRef, useState } from 'react'
import { Chart, Decimation, LinearScale, LineController, LineElement, PointElement, Tooltip, type Plugin } from 'chart.js'
import type { SignalView } from '../../../../shared/room-signals'
import type { SeriesBuffer } from '../../health/series-buffer'
import { formatValue, suggestedY, thresholdLines, type ChartMarker } from '../../health/health-shape'
import { redrawScheduler } from '../../health/redraw-scheduler'

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip, Decimation)

/** The User Timing measure of a history drawn into a panel (bench/charts.bench.ts reads it): from the points reaching the chart to drawn. */
const CHART_DRAWN = 'warroom:chart-drawn'

const cssVar = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888'
const PALETTE = ['--accent', '--bad', '--warn', '--muted', '--line'] as const
type Palette = Record<(typeof PALETTE)[number], string>
// Read once per theme, not per draw: getComputedStyle in a live redraw forces a style recalculation mid-frame.
const readPalette = (): Palette => Object.fromEntries(PALETTE.map((name) => [name, cssVar(name)])) as Palette
// Built once: toLocaleTimeString builds a formatter per call, and axis labels are formatted on every live redraw.
const minutes = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit' })
const seconds = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })
const clock = (t: number) => minutes.format(t)
const clockSeconds = (t: number) => seconds.format(t)

/**
 * The range's start, or the first sample when the signal is younger than the range: a signal added two minutes ago
 * fills its panel rather than hugging the right edge of a 15-minute axis.
 */
function startOf(from: number, buffer: SeriesBuffer): number {
  const first = buffer.points[0]?.x
  return first !== undefined && first > from ? first : from
}

interface Overlay {
  signal: SignalView
  markers: ChartMarker[]
}

/** Threshold lines across the plot and a dashed vertical line, with a tag, at each vote or rollout step. */
function overlayPlugin(overlay: { current: Overlay }, palette: Palette): Plugin<'line'> {
  return {
    id: 'warroomOverlay',
    afterDatasetsDraw(chart) {
      const { ctx, chartArea: area, scales } = chart
      const x = scales.x
      const y = scales.y
      ctx.save()
      ctx.font = '600 12px system-ui, sans-serif'
      for (const line of thresholdLines(overlay.current.signal.definition)) {
        const py = y.getPixelForValue(line.value)
        if (py < area.top || py > area.bottom) continue
        const colour = palette[line.level === 'critical' ? '--bad' : '--warn']
        ctx.strokeStyle = colour
        ctx.lineWidth = 1.5
        ctx.setLineDash(line.level === 'critical' ? [] : [6, 4])
        ctx.beginPath()
        ctx.moveTo(area.left, py)
        ctx.lineTo(area.right, py)
        ctx.stroke()
        ctx.fillStyle = colour
        // Critical labelled on the right, warn on the left, so two close lines never print over each other.
        const right = line.level === 'critical'
        ctx.textAlign = right ? 'right' : 'left'
        ctx.fillText(`${line.level} ${formatValue(line.value, overlay.current.signal.definition.unit)}`, right ? area.right - 4 : area.left + 4, py - 4)
      }
      ctx.setLineDash([3, 3])
      for (const m of overlay.current.markers) {
        const px = x.getPixelForValue(m.t)
        if (px < area.left || px > area.right) continue
        ctx.strokeStyle = palette[m.kind === 'vote' ? '--accent' : '--muted']
        ctx.lineWidth = 1
        ctx.beginPath()
        ctx.moveTo(px, area.top)
        ctx.lineTo(px, area.bottom)
        ctx.stroke()
        ctx.fillStyle = ctx.strokeStyle
        ctx.textAlign = 'left'
        ctx.fillText(m.kind === 'vote' ? '◆' : '▲', px - 4, area.top + 10)
      }
      ctx.restore()
    }
  }
}

/**
 * One signal's live line. chart.js reads the buffer's array as is (parsing off, normalized), the decimation plugin
 * keeps min/max per pixel column, and live samples redraw with `update('none')`: no animation, no copy.
 */
export function SignalChart({ signal, buffer, from, live, markers }: { signal: SignalView; buffer: SeriesBuffer; from: number; live: boolean; markers: ChartMarker[] }) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const chartRef = useRef<Chart<'line'> | null>(null)
  const overlay = useRef<Overlay>({ signal, markers })
  const span = useRef({ from, live })
  // Built the first time the panel comes near the screen: a room opens with its checklist in view, and building
  // charts no one sees yet (a canvas, a forced layout each) held the page for a quarter of a second.
  const [seen, setSeen] = useState(false)

  useEffect(() => {
    if (seen || !canvas.current) return
    const watch = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setSeen(true), { rootMargin: '200px 0px' })
    watch.observe(canvas.current)
    return () => watch.disconnect()
  }, [seen])

  useEffect(() => {
    overlay.current = { signal, markers }
    span.current = { from, live }
    const chart = chartRef.current
    if (!chart) return
    const y = suggestedY(signal.definition)
    Object.assign(chart.options.scales!.y!, { suggestedMin: y.min, suggestedMax: y.max })
    chart.options.scales!.x!.min = startOf(from, buffer)
    chart.options.scales!.x!.max = Date.now()
    chart.update('none')
  }, [signal, markers, from, live, buffer])

  useEffect(() => {
    if (!canvas.current || !seen) return
    const y = suggestedY(signal.definition)
    const unit = signal.definition.unit
    const palette = readPalette()
    const chart = new Chart(canvas.current, {
      type: 'line',
      data: {
        datasets: [
          {
            data: buffer.points,
            borderColor: palette['--accent'],
            borderWidth: 2,
            pointRadius: 0,
            pointHoverRadius: 4,
            tension: 0,
            spanGaps: false
          }
        ]
      },
      options: {
        animation: false,
        parsing: false,
        normalized: true,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        plugins: {
          decimation: { enabled: true, algorithm: 'min-max' },
          legend: { display: false },
          tooltip: {
            displayColors: false,
            titleFont: { size: 13 },
            bodyFont: { size: 15, weight: 'bold' },
            callbacks: {
              title: (items) => (items[0] ? clockSeconds(items[0].parsed.x as number) : ''),
              label: (item) => formatValue(item.parsed.y as number, unit)
            }
          }
        },
        scales: {
          x: {
            type: 'linear',
            min: startOf(from, buffer),
            max: Date.now(),
            grid: { color: palette['--line'] },
            ticks: {
              color: palette['--muted'],
              font: { size: 13 },
              maxTicksLimit: 6,
              maxRotation: 0,
              // Seconds only when the axis spans less than ten minutes, where minutes alone would repeat.
              callback: function (v) {
                return this.max - this.min < 600_000 ? clockSeconds(Number(v)) : clock(Number(v))
              }
            }
          },
          y: {
            suggestedMin: y.min,
            suggestedMax: y.max,
            grid: { color: palette['--line'] },
            // Five labels down a 190 px panel never collide: skipping them would only cost a font lookup per tick per draw.
            ticks: { color: palette['--muted'], font: { size: 13 }, maxTicksLimit: 5, autoSkip: false, callback: (v) => formatValue(Number(v), '') }
          }
        }
      },
      plugins: [overlayPlugin(overlay, palette)]
    })
    chartRef.current = chart

    const draw = (kind: 'replace' | 'append') => {
      const start = performance.now()
      if (kind === 'replace') chart.data.datasets[0].data = buffer.points
      const x = chart.options.scales!.x!
      x.min = startOf(span.current.from, buffer)
      // A live range slides with the newest sample; a fixed one stays put.
      x.max = Math.max(Date.now(), buffer.points[buffer.points.length - 1]?.x ?? 0)
      chart.update('none')
      // How long a fetched history took to draw, for the benchmarks and the DevTools performance panel. Live appends
      // are not marked: one a second per panel would only fill the performance timeline.
      if (kind === 'replace') {
        performance.measure(CHART_DRAWN, { start, detail: { signalId: overlay.current.signal.id, points: buffer.points.length } })
      }
    }
    const redraws = redrawScheduler(draw)
    const unsubscribe = buffer.subscribe(redraws.request)
    // A margin around the viewport, so a chart scrolled towards is drawn before it shows rather than a frame after.
    const sight = new IntersectionObserver((entries) => redraws.setOnScreen(entries[entries.length - 1].isIntersecting), { rootMargin: '200px 0px' })
    sight.observe(canvas.current)
    // Colours come from theme.css; a theme switch repaints with the other palette.
    const theme = new MutationObserver(() => {
      Object.assign(palette, readPalette())
      chart.data.datasets[0].borderColor = palette['--accent']
      for (const axis of [chart.options.scales!.x!, chart.options.scales!.y!]) {
        axis.grid!.color = palette['--line']
        axis.ticks!.color = palette['--muted']
      }
      chart.update('none')
    })
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] })
    return () => {
      unsubscribe()
      sight.disconnect()
      redraws.cancel()
      theme.disconnect()
      chart.destroy()
      chartRef.current = null
    }
    // The chart is built once per buffer, once seen; later prop changes are applied by the effect above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [buffer, seen])

  return (
    <div className="signal-chart">
      <canvas ref={canvas} data-testid="signal-canvas" />
    </div>
  )
}
