import { useState } from 'react'
import type { Actor } from '../../../../shared/roles'
import type { Controls } from '../../rollout/lane'
import { client } from '../../session/room'
import { useCall } from '../../room/use-call'

/**
 * Steering (start, advance, hold, resume, abort) and the gate verdict by hand. Every action that needs a reason
 * takes it from the field beside the buttons; the host refuses one without it and says so here.
 */
export function RolloutControls({ releaseId, controls, actor }: { releaseId: string; controls: Controls; actor: Actor | null }) {
  const [why, setWhy] = useState('')
  const [gateWhy, setGateWhy] = useState('')
  const steer = useCall()
  const gate = useCall()
  if (!actor) return null
  const anySteer = controls.start || controls.advance || controls.override || controls.hold || controls.resume || controls.abort

  const act = async (run: () => Promise<unknown>, clears = true) => {
    const ok = await steer.run(run)
    if (ok && clears) setWhy('')
  }
  const judge = async (result: 'pass' | 'fail') => {
    if (!controls.judge) return
    const stepId = controls.judge.stepId
    const ok = await gate.run(() => client.call('rollout.gate', { releaseId, stepId, result, rationale: gateWhy, actor }))
    if (ok) setGateWhy('')
  }

  return (
    <div className="rollout-controls">
      {anySteer && (
        <div className="control-row" data-testid="rollout-steer">
          {(controls.hold || controls.abort || controls.override) && (
            <input
              className="why-input"
              value={why}
              onChange={(e) => setWhy(e.target.value)}
              placeholder={controls.override ? 'Why (to hold, abort, or override the gate)' : 'Why (to hold or abort)'}
              aria-label="Reason"
              data-testid="rollout-reason"
            />
          )}
          {controls.start && (
            <button className="primary" disabled={steer.busy} onClick={() => act(() => client.call('rollout.start', { releaseId, actor }))} data-testid="rollout-start">
              Start rollout
            </button>
          )}
          {controls.advance && (
            <button className="primary" disabled={steer.busy} onClick={() => act(() => client.call('rollout.advance', { releaseId, actor }))} data-testid="rollout-advance">
              Advance
            </button>
          )}
          {controls.override && (
            <button
              disabled={steer.busy}
              onClick={() => act(() => client.call('rollout.advance', { releaseId, override: { rationale: why }, actor }))}
              data-testid="rollout-override"
            >
              Override gate &amp; advance
            </button>
          )}
          {controls.hold && (
            <button disabled={steer.busy} onClick={() => act(() => client.call('rollout.hold', { releaseId, reason: why, actor }))} data-testid="rollout-hold">
              Hold
            </button>
          )}
          {controls.resume && (
            <button className="primary" disabled={steer.busy} onClick={() => act(() => client.call('rollout.resume', { releaseId, actor }), false)} data-testid="rollout-resume">
              Resume
            </button>
          )}
          {controls.abort && (
            <button className="danger" disabled={steer.busy} onClick={() => act(() => client.call('rollout.abort', { releaseId, reason: why, actor }))} data-testid="rollout-abort">
              Abort
            </button>
          )}
        </div>
      )}
      {steer.error && (
        <p className="form-error" role="alert" data-testid="rollout-error">
          {steer.error}
        </p>
      )}
      {controls.judge && (
        <div className="control-row gate-row" data-testid="gate-judge">
          <span className="gate-title">
            Gate of <strong>{controls.judge.label}</strong>
          </span>
          <input
            className="why-input"
            value={gateWhy}
            onChange={(e) => setGateWhy(e.target.value)}
            placeholder="What you saw (kept with the verdict)"
            aria-label="Gate rationale"
            data-testid="gate-rationale"
          />
          <button className="pass" disabled={gate.busy || !controls.judge.canPass} onClick={() => judge('pass')} data-testid="gate-pass" title={controls.judge.canPass ? undefined : 'A gate can pass only once its soak has ended'}>
            Pass
          </button>
          <button className="danger" disabled={gate.busy} onClick={() => judge('fail')} data-testid="gate-fail">
            Fail
          </button>
        </div>
      )}
      {gate.error && (
        <p className="form-error" role="alert" data-testid="gate-error">
          {gate.error}
        </p>
      )}
    </div>
  )
}
