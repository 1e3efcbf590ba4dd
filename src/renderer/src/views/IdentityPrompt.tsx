import { useState, type FormEvent } from 'react'
import { ROLES, ROLE_LABELS, actorSchema, type Role } from '../../../shared/roles'
import { identityStore } from '../session/room'

/** First run on a client: everything the room records is signed with a name and a role, so ask once. */
export function IdentityPrompt() {
  const current = identityStore.getState().actor
  const [name, setName] = useState(current?.name ?? '')
  const [role, setRole] = useState<Role>(current?.role ?? 'devops-lead')
  const [error, setError] = useState<string | null>(null)

  function submit(e: FormEvent) {
    e.preventDefault()
    const parsed = actorSchema.safeParse({ name, role })
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Check your name and role')
    identityStore.getState().setActor(parsed.data)
  }

  return (
    <div className="identity-backdrop">
      <form className="card identity-card" onSubmit={submit} data-testid="identity-prompt" aria-labelledby="identity-title">
        <h1 id="identity-title">Who is in the room?</h1>
        <p className="muted">Every action in this war room is recorded with your name and role. This client remembers you.</p>
        <label>
          Your name
          <input autoFocus value={name} onChange={(e) => setName(e.target.value)} name="name" data-testid="identity-name" />
        </label>
        <label>
          Your role in this window
          <select value={role} onChange={(e) => setRole(e.target.value as Role)} name="role" data-testid="identity-role">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" data-testid="identity-submit">
          Enter the war room
        </button>
      </form>
    </div>
  )
}
