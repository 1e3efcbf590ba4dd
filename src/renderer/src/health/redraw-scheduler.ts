export type RedrawKind = 'replace' | 'append'

export interface FrameSchedule {
  request(cb: () => void): number
  cancel(id: number): void
}

const animationFrames: FrameSchedule = {
  request: (cb) => requestAnimationFrame(cb),
  cancel: (id) => cancelAnimationFrame(id)
}

/**
 * When a chart redraws. Live batches arrive several times a second at unrelated instants, and a full chart update per
 * batch costs pixels no one sees:
 * - appends asked for within one animation frame draw once, in that frame;
 * - appends to a chart scrolled out of view are held, and drawn in the first frame after it comes back;
 * - a replace (a fetched history, a backfill merged in) draws at once, wherever the chart is, and takes any pending
 *   append with it: it redraws the whole line, and its draw is what `warroom:chart-drawn` reports, with no wait in it.
 */
export function redrawScheduler(draw: (kind: RedrawKind) => void, frames: FrameSchedule = animationFrames) {
  let frame: number | null = null
  let onScreen = true
  let held = false

  const cancelFrame = () => {
    if (frame !== null) frames.cancel(frame)
    frame = null
  }
  const request = (kind: RedrawKind): void => {
    if (kind === 'replace') {
      cancelFrame()
      held = false
      draw('replace')
    } else if (!onScreen) {
      held = true
    } else if (frame === null) {
      frame = frames.request(() => {
        frame = null
        draw('append')
      })
    }
  }
  return {
    request,
    /** From an IntersectionObserver: whether the chart is (nearly) in view. */
    setOnScreen(visible: boolean): void {
      onScreen = visible
      if (!visible && frame !== null) {
        cancelFrame()
        held = true
      } else if (visible && held) {
        held = false
        request('append')
      }
    },
    cancel(): void {
      cancelFrame()
      held = false
    }
  }
}
