// The one "read the test message back" choice, for the password form and the OAuth route alike.
import type { JSX } from 'react'
import { useApp } from '../store'

export function ReadBackChoice({ id, disabled }: { id: string; disabled: boolean }): JSX.Element {
  const readBack = useApp((s) => s.readBack)
  const setReadBack = useApp((s) => s.setReadBack)
  const incoming = useApp((s) => s.chosen.incoming)
  const imap = incoming?.protocol === 'imap'
  return (
    <div className="checkbox">
      <input id={id} type="checkbox" checked={readBack && imap} disabled={disabled || !imap} onChange={(e) => setReadBack(e.target.checked)} />
      <label htmlFor={id}>Read the test message back from the incoming server{imap ? '' : ' (needs an IMAP server)'}</label>
    </div>
  )
}
