import { ROLES, type Actor, type Role } from '../../../shared/roles'

/** "Sam Lee @sre" per line → participants; a line without a known @role is reported, not guessed. */
export function parseParticipants(text: string): { participants: Actor[]; errors: string[] } {
  const participants: Actor[] = []
  const errors: string[] = []
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim()
    if (!line) return
    const m = /^(.*?)\s+@([a-z-]+)$/.exec(line)
    if (!m || !(ROLES as readonly string[]).includes(m[2])) {
      errors.push(`Participants line ${i + 1}: write "Name @role" with a role from ${ROLES.join(', ')}`)
      return
    }
    participants.push({ name: m[1].trim(), role: m[2] as Role })
  })
  return { participants, errors }
}

/** One criterion per line; "Checkout conversion ≥ 3.1% :: measured by the product owner" splits off a target. */
export function parseCriteria(text: string): { description: string; target?: string }[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [description, target] = l.split('::').map((p) => p.trim())
      return target ? { description, target } : { description }
    })
}
