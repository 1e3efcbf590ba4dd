/**
 * A small seeded generator (mulberry32), so the demo service produces the same traffic for the same seed and tests can
 * assert on it. Not for anything that needs to be unpredictable.
 */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number
  /** Standard normal, by Box-Muller. */
  normal(): number
}

export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    normal: () => {
      // 1 − u keeps the logarithm's argument in (0, 1].
      const u = 1 - next()
      const v = next()
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
    }
  }
}

/** A value in [0, 1) fixed by seed and key, for readings that must not disturb the main sequence. */
export function hashedUnit(seed: number, key: number): number {
  return seededRandom((Math.imul(seed >>> 0, 0x9e3779b1) ^ key) >>> 0).next()
}
