import { z } from 'zod'

/** The people in a deployment window, named as the Phase 7 playbook names them. */
export const ROLES = [
  'devops-lead',
  'sre',
  'tech-lead',
  'qa-lead',
  'security-lead',
  'product-owner',
  'project-manager',
  'observer'
] as const

export const roleSchema = z.enum(ROLES, { error: `Role must be one of: ${ROLES.join(', ')}` })
export type Role = z.infer<typeof roleSchema>

export const ROLE_LABELS: Record<Role, string> = {
  'devops-lead': 'DevOps lead',
  sre: 'SRE',
  'tech-lead': 'Tech lead',
  'qa-lead': 'QA lead',
  'security-lead': 'Security lead',
  'product-owner': 'Product owner',
  'project-manager': 'Project manager',
  observer: 'Observer'
}

/** Who did it. Every mutating call names a person and the hat they wear in this window. */
export const actorSchema = z.object({
  name: z.string({ error: 'Say who you are: actor.name is required' }).trim().min(1, 'Say who you are: a name is required').max(80),
  role: roleSchema
}, { error: 'actor is required: { name, role } of the person acting' })
export type Actor = z.infer<typeof actorSchema>
