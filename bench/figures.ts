import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'

export interface Figure {
  name: string
  value: number
  unit: string
  target: string
  met: boolean
  note?: string
}

const FILE = join(process.cwd(), 'bench', 'results', 'latest.json')

/** Records one figure beside the others from this run, so every bench file adds to one table. */
export function report(figure: Figure): void {
  mkdirSync(join(process.cwd(), 'bench', 'results'), { recursive: true })
  let all: { machine: unknown; figures: Figure[] } = { machine: machine(), figures: [] }
  try {
    all = JSON.parse(readFileSync(FILE, 'utf8'))
  } catch {
    // first figure of the run
  }
  all.machine = machine()
  all.figures = [...all.figures.filter((f) => f.name !== figure.name), figure]
  writeFileSync(FILE, `${JSON.stringify(all, null, 2)}\n`)
  const mark = figure.met ? 'met ' : 'MISS'
  console.log(`[bench] ${mark} ${figure.name}: ${round(figure.value)} ${figure.unit} (target ${figure.target})${figure.note ? ` — ${figure.note}` : ''}`)
}

export function machine() {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    at: new Date().toISOString()
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

function round(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toFixed(3)
}
