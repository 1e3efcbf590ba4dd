import { describe, expect, it } from 'vitest'
import { redrawScheduler, type RedrawKind } from '../../src/renderer/src/health/redraw-scheduler'

function fakeFrames() {
  const queued = new Map<number, () => void>()
  let next = 1
  return {
    schedule: {
      request: (cb: () => void) => (queued.set(next, cb), next++),
      cancel: (id: number) => void queued.delete(id)
    },
    get pending() {
      return queued.size
    },
    /** Runs the frame: every callback queued before it. */
    run() {
      const due = [...queued.values()]
      queued.clear()
      for (const cb of due) cb()
    }
  }
}

function chart() {
  const frames = fakeFrames()
  const drawn: RedrawKind[] = []
  const redraws = redrawScheduler((kind) => drawn.push(kind), frames.schedule)
  return { frames, drawn, redraws }
}

describe('chart redraws', () => {
  it('draws appends once per frame, in that frame, however many batches arrived', () => {
    const { frames, drawn, redraws } = chart()
    redraws.request('append')
    redraws.request('append')
    redraws.request('append')
    expect(drawn).toEqual([])
    expect(frames.pending).toBe(1)
    frames.run()
    expect(drawn).toEqual(['append'])

    // The next batch asks for the next frame.
    redraws.request('append')
    frames.run()
    expect(drawn).toEqual(['append', 'append'])
  })

  it('draws a replace at once, taking the pending appends with it', () => {
    const { frames, drawn, redraws } = chart()
    redraws.request('append')
    redraws.request('replace')
    expect(drawn).toEqual(['replace'])
    expect(frames.pending).toBe(0)
    frames.run()
    expect(drawn).toEqual(['replace'])
  })

  it('holds appends while the chart is out of view and draws them in the first frame after it is back', () => {
    const { frames, drawn, redraws } = chart()
    redraws.request('append')
    redraws.setOnScreen(false)
    redraws.request('append')
    frames.run()
    expect(drawn).toEqual([])

    redraws.setOnScreen(true)
    expect(drawn).toEqual([])
    frames.run()
    expect(drawn).toEqual(['append'])

    // Back in view with nothing new: nothing to draw.
    redraws.setOnScreen(false)
    redraws.setOnScreen(true)
    frames.run()
    expect(drawn).toEqual(['append'])
  })

  it('draws a replace even out of view: a fetched history is drawn, and timed, as it arrives', () => {
    const { drawn, redraws } = chart()
    redraws.setOnScreen(false)
    redraws.request('replace')
    expect(drawn).toEqual(['replace'])
  })

  it('draws nothing once cancelled, as when the chart is destroyed', () => {
    const { frames, drawn, redraws } = chart()
    redraws.request('append')
    redraws.cancel()
    expect(frames.pending).toBe(0)
    frames.run()
    expect(drawn).toEqual([])
  })
})
