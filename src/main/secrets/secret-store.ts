import type { Db } from '../store/database'
import type { Actor, Role } from '../../shared/roles'
import type { StoredSecret } from '../../shared/api-secrets'
import type { SecretCipher } from './secret-cipher'

interface SecretRow {
  name: string
  updated_at: string
  updated_by: string
  updated_role: Role
}

/**
 * The `secrets` table. It only ever sees ciphertext: encryption happens in the handler before `put`, decryption in
 * the lookup the poller uses. The cipher is attached by the host that has one (the desktop app).
 */
export class SecretStore {
  private attached?: SecretCipher
  private readonly listStmt
  private readonly ciphertextStmt
  private readonly upsertStmt
  private readonly removeStmt

  constructor(db: Db) {
    this.listStmt = db.prepare<[], SecretRow>('SELECT name, updated_at, updated_by, updated_role FROM secrets ORDER BY name')
    this.ciphertextStmt = db.prepare<[string], { ciphertext: Buffer }>('SELECT ciphertext FROM secrets WHERE name = ?')
    this.upsertStmt = db.prepare(`
      INSERT INTO secrets (name, ciphertext, updated_at, updated_by, updated_role) VALUES (@name, @ciphertext, @at, @by, @role)
      ON CONFLICT (name) DO UPDATE SET ciphertext = excluded.ciphertext, updated_at = excluded.updated_at,
        updated_by = excluded.updated_by, updated_role = excluded.updated_role`)
    this.removeStmt = db.prepare<[string]>('DELETE FROM secrets WHERE name = ?')
  }

  /** The desktop app attaches safeStorage once at start-up; without one, storing is refused. */
  useCipher(cipher: SecretCipher | undefined): void {
    this.attached = cipher
  }

  get cipher(): SecretCipher | undefined {
    return this.attached
  }

  put(name: string, ciphertext: Buffer, at: string, actor: Actor): void {
    this.upsertStmt.run({ name, ciphertext, at, by: actor.name, role: actor.role })
  }

  list(): StoredSecret[] {
    return this.listStmt.all().map((r) => ({ name: r.name, updatedAt: r.updated_at, updatedBy: { name: r.updated_by, role: r.updated_role } }))
  }

  ciphertextOf(name: string): Buffer | undefined {
    return this.ciphertextStmt.get(name)?.ciphertext
  }

  remove(name: string): boolean {
    return this.removeStmt.run(name).changes > 0
  }
}
