/** A small set of callbacks where one throwing listener does not starve the rest. */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>()

  add(listener: (value: T) => void): () => void {
    this.set.add(listener)
    return () => this.set.delete(listener)
  }

  emit(value: T): void {
    for (const l of this.set) {
      try {
        l(value)
      } catch (e) {
        console.error(e)
      }
    }
  }
}
