import type { Actor } from '../../shared/roles'
import { ROLE_LABELS } from '../../shared/roles'
import { TERMINAL_STATUSES, type Release } from '../../shared/release'
import type { ChecklistItem, GateId, GateState, ItemStatus } from '../../shared/runbook'
import { gateAfter } from './gate-rules'

/**
 * Who may do what, as pure checks. Each returns the sentence that refuses the action, or undefined when it is
 * allowed; handlers turn a sentence into a 409.
 */
export type Refusal = string | undefined

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase()

export function isAccountableOwner(release: Release, actor: Actor): boolean {
  return sameName(release.owner, actor.name)
}

export function refuseObserver(actor: Actor, what: string): Refusal {
  if (actor.role === 'observer') return `Observers can watch and add notes but not ${what}; ask a participant with a role in this window.`
}

export function refuseEnded(release: Release, what: string): Refusal {
  if (TERMINAL_STATUSES.includes(release.status)) return `The release is ${release.status}; ${what} is no longer possible. Add a note instead.`
}

/** The DevOps lead runs the window (playbook, step 4) and the accountable owner answers for it: both may steer. */
export function refuseNotDriver(release: Release, actor: Actor, what: string): Refusal {
  if (actor.role !== 'devops-lead' && !isAccountableOwner(release, actor)) {
    return `Only the DevOps lead or the accountable owner (${release.owner}) can ${what}.`
  }
}

/**
 * An item is set by its owner role, by the DevOps lead driving the window, or by the accountable owner. Waiving a
 * required item (or calling it not applicable) is narrower: only the item's owner role or the accountable owner,
 * because a waiver is a decision to accept a risk, not a tick.
 */
export function refuseItemChange(
  release: Release,
  item: ChecklistItem,
  status: ItemStatus,
  note: string | undefined,
  actor: Actor,
  itemGate: GateState | undefined
): Refusal {
  const ended = refuseEnded(release, 'changing the checklist')
  if (ended) return ended
  const observer = refuseObserver(actor, 'change checklist items')
  if (observer) return observer
  if (itemGate?.position === 'passed') {
    return `"${item.title}" belongs to the gate "${itemGate.title}", which this release has already passed; add a note instead of changing it.`
  }
  const owner = isAccountableOwner(release, actor)
  if (actor.role !== item.ownerRole && actor.role !== 'devops-lead' && !owner) {
    return `"${item.title}" is owned by the ${ROLE_LABELS[item.ownerRole]}; only that role, the DevOps lead or the accountable owner (${release.owner}) can change it.`
  }
  if ((status === 'blocked' || status === 'waived') && !note?.trim()) {
    return `Say why "${item.title}" is ${status}: a reason is required.`
  }
  if (item.required && (status === 'waived' || status === 'n/a')) {
    if (actor.role !== item.ownerRole && !owner) {
      return `"${item.title}" is required; only the ${ROLE_LABELS[item.ownerRole]} or the accountable owner (${release.owner}) can waive it or mark it not applicable.`
    }
    if (status === 'n/a' && !note?.trim()) return `Say why the required item "${item.title}" does not apply: a reason is required.`
  }
  return undefined
}

export function refuseVote(release: Release, gate: GateId, gateState: GateState | undefined, actor: Actor): Refusal {
  const ended = refuseEnded(release, 'voting')
  if (ended) return ended
  const observer = refuseObserver(actor, 'vote')
  if (observer) return observer
  if (!gateState) return `This release has no gate called "${gate}".`
  if (gateState.position === 'passed') return `The gate "${gateState.title}" has already been passed; a vote on it would change nothing.`
  return undefined
}

export type AdvancePlan = { ok: true; to: GateId } | { ok: false; message: string; reasons: string[] }

/** Moves one stage along the happy path when the gate into the next stage holds; otherwise names every blocker. */
export function planAdvance(release: Release, gates: readonly GateState[], actor: Actor): AdvancePlan {
  const refused = refuseEnded(release, 'advancing') ?? refuseNotDriver(release, actor, 'advance the release')
  if (refused) return { ok: false, message: refused, reasons: [refused] }
  const next = gateAfter(release.status)
  const gate = gates.find((g) => g.id === next)
  if (!next || !gate) {
    const message = `The release is ${release.status}; there is no further stage to advance to.`
    return { ok: false, message, reasons: [message] }
  }
  if (!gate.satisfied) {
    return { ok: false, message: `Cannot move to ${next}: ${gate.blockers.join('; ')}.`, reasons: gate.blockers }
  }
  return { ok: true, to: next }
}
