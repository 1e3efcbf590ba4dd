/** Late-start statistics in milliseconds: totals since start, plus the most recent values for a histogram. */
export interface DriftSummary {
  count: number
  meanMs: number
  maxMs: number
  recent: number[]
}

/** Keeps running totals and a fixed-size ring of recent values, so a poller running for days uses constant memory. */
export class DriftRecord {
  private count = 0
  private sum = 0
  private max = 0
  private readonly ring: number[] = []
  private head = 0

  constructor(private readonly capacity: number) {}

  add(ms: number): void {
    this.count++
    this.sum += ms
    this.max = Math.max(this.max, ms)
    if (this.capacity <= 0) return
    if (this.ring.length < this.capacity) this.ring.push(ms)
    else {
      this.ring[this.head] = ms
      this.head = (this.head + 1) % this.capacity
    }
  }

  summary(): DriftSummary {
    const recent = this.ring.length < this.capacity ? [...this.ring] : [...this.ring.slice(this.head), ...this.ring.slice(0, this.head)]
    return { count: this.count, meanMs: this.count === 0 ? 0 : this.sum / this.count, maxMs: this.max, recent }
  }
}
