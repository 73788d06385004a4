// The credential of the sign-in form: the password (or app password) for this one test. A
// provider's own sign-in (OAuth, renderer/src/signin/OAuth*.tsx) takes this component's place in
// SignInForm; nothing else in the form depends on which one is shown.
import type { JSX } from 'react'
import { useApp } from '../store'

export function PasswordField({ disabled, error }: { disabled: boolean; error: string | null }): JSX.Element {
  const password = useApp((s) => s.password)
  const setPassword = useApp((s) => s.setPassword)
  return (
    <div className="field">
      <label htmlFor="password">Password or app password</label>
      <input
        id="password"
        type="password"
        autoComplete="current-password"
        maxLength={1024}
        value={password}
        disabled={disabled}
        aria-invalid={error !== null}
        aria-describedby={error !== null ? 'password-hint password-error' : 'password-hint'}
        onChange={(e) => setPassword(e.target.value)}
      />
      <p id="password-hint" className="hint">Used for this one test only: sent only over an encrypted connection, never stored, never written into an export.</p>
      {error !== null && <p id="password-error" className="field-error">{error}</p>}
    </div>
  )
}
