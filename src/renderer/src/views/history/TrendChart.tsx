import { useEffect, useRef } from 'react'
import { BarController, BarElement, CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js'
import type { TrendSeries } from '../../history/trend-series'

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip)

const cssVar = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888'

/**
 * One key's trend: deployments as bars (failed ones stacked in the failure colour), the other keys as a line with
 * its points, broken where a bucket had nothing to measure. Small data: the chart is rebuilt when it changes.
 */
export function TrendChart({ series, failures }: { series: TrendSeries; failures?: readonly number[] }) {
  const canvas = useRef<HTMLCanvasElement>(null)

  useEffect(() => {
    if (!canvas.current) return
    const bars = series.key === 'deploymentFrequency'
    const axisColours = () => ({ grid: { color: cssVar('--line') }, ticks: { color: cssVar('--muted'), font: { size: 13 } } })
    const chart = new Chart(canvas.current, {
      type: bars ? 'bar' : 'line',
      data: {
        labels: series.labels,
        datasets: bars
          ? [
              {
                label: 'Deployed',
                data: series.values.map((v, i) => (v ?? 0) - (failures?.[i] ?? 0)),
                backgroundColor: cssVar('--accent'),
                stack: 'd'
              },
              { label: 'Failed', data: series.values.map((_, i) => failures?.[i] ?? 0), backgroundColor: cssVar('--bad'), stack: 'd' }
            ]
          : [
              {
                label: series.title,
                data: series.values,
                borderColor: cssVar('--accent'),
                backgroundColor: cssVar('--accent'),
                borderWidth: 2,
                pointRadius: 4,
                spanGaps: false,
                tension: 0
              }
            ]
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            displayColors: bars,
            bodyFont: { size: 14 },
            callbacks: { label: (item) => `${item.dataset.label}: ${item.formattedValue}${bars ? '' : ` ${series.unit}`}` }
          }
        },
        scales: {
          x: { ...axisColours(), stacked: bars, ticks: { ...axisColours().ticks, maxRotation: 0, autoSkip: true, maxTicksLimit: 8 } },
          y: { ...axisColours(), stacked: bars, beginAtZero: true, ticks: { ...axisColours().ticks, maxTicksLimit: 5, precision: bars ? 0 : undefined } }
        }
      }
    })
    // Colours come from theme.css; a theme switch repaints with the other palette.
    const theme = new MutationObserver(() => {
      for (const axis of [chart.options.scales!.x!, chart.options.scales!.y!]) {
        axis.grid!.color = cssVar('--line')
        axis.ticks!.color = cssVar('--muted')
      }
      chart.data.datasets[0].backgroundColor = cssVar('--accent')
      if (!bars) (chart.data.datasets[0] as { borderColor?: string }).borderColor = cssVar('--accent')
      else chart.data.datasets[1].backgroundColor = cssVar('--bad')
      chart.update('none')
    })
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] })
    return () => {
      theme.disconnect()
      chart.destroy()
    }
  }, [series, failures])

  return (
    <figure className="trend-chart" data-testid={`trend-${series.key}`}>
      <figcaption>
        {series.title}
        {series.lowerIsBetter && <span className="muted"> · lower is better</span>}
      </figcaption>
      <div className="trend-canvas">
        <canvas ref={canvas} role="img" aria-label={`${series.title} by ${series.labels.length} periods`} />
      </div>
    </figure>
  )
}
