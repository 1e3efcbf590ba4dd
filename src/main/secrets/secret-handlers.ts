import type { Handler } from '../api/handlers'
import { DomainError, RuleViolation } from '../api/domain-error'
import { ROLE_LABELS, type Actor } from '../../shared/roles'

/** The people who wire monitoring in the window: the DevOps lead running it and the SREs watching it. */
function refuseSecretChange(actor: Actor, what: string): string | undefined {
  if (actor.role !== 'devops-lead' && actor.role !== 'sre') {
    return `Only the DevOps lead or an SRE can ${what}; you are acting as ${ROLE_LABELS[actor.role]}.`
  }
}

/**
 * Encrypts before the value reaches SQLite and answers without it. No timeline entry: the timeline belongs to a
 * release and a credential does not; no log line either, so the value is never written anywhere in plaintext.
 */
const set: Handler<'secrets.set'> = (input, ctx) => {
  const refused = refuseSecretChange(input.actor, 'store credentials for signals')
  if (refused) throw new RuleViolation(refused)
  const cipher = ctx.secrets.cipher
  if (!cipher) {
    throw new RuleViolation(
      `The browser host cannot store credentials. Set the environment variable ${input.name} before starting the host ` +
        `(for example ${input.name}=… npm run serve); signals that name ${input.name} read it from there.`
    )
  }
  if (!cipher.available()) {
    throw new RuleViolation(
      `This computer offers no key store for Electron's safeStorage (on Linux: no running Secret Service or KWallet), so ` +
        `${input.name} cannot be stored encrypted. Set the environment variable ${input.name} before starting the app instead.`
    )
  }
  let ciphertext: Buffer
  try {
    ciphertext = cipher.encrypt(input.value)
  } catch (e) {
    throw new RuleViolation(
      `The OS key store refused to encrypt ${input.name} (${e instanceof Error ? e.message : 'no reason given'}); nothing was saved. ` +
        `Unlock the key store and try again, or set the environment variable ${input.name} before starting the app.`
    )
  }
  const at = new Date(ctx.clock.now()).toISOString()
  ctx.secrets.put(input.name, ciphertext, at, input.actor)
  return { name: input.name, updatedAt: at, updatedBy: { name: input.actor.name, role: input.actor.role } }
}

const list: Handler<'secrets.list'> = (_input, ctx) => {
  const cipher = ctx.secrets.cipher
  return { canStore: cipher !== undefined && cipher.available(), secrets: ctx.secrets.list() }
}

/** Needs no cipher: deleting ciphertext reveals nothing, so either host may do it. */
const remove: Handler<'secrets.remove'> = (input, ctx) => {
  const refused = refuseSecretChange(input.actor, 'remove stored credentials')
  if (refused) throw new RuleViolation(refused)
  if (!ctx.secrets.remove(input.name)) {
    throw new DomainError('not_found', `No credential named ${input.name} is stored; secrets.list shows the names that are.`)
  }
  return { name: input.name, removed: true as const }
}

export const secretHandlers = { 'secrets.set': set, 'secrets.list': list, 'secrets.remove': remove }
