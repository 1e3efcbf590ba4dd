import { z } from 'zod'
import { actorSchema } from './roles'
import type { MethodSpec } from './api-fields'

export interface BackupFile {
  file: string
  bytes: number
  at: string
}

/** Keeping the room's data safe: backups on demand beside the automatic daily ones. */
export const adminApi = {
  'backups.create': { input: z.object({ actor: actorSchema }).strict(), mutates: false },
  'backups.list': { input: z.object({}).strict(), mutates: false }
} as const satisfies Record<string, MethodSpec>

export interface AdminResults {
  'backups.create': BackupFile
  'backups.list': BackupFile[]
}
