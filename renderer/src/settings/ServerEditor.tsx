// Typing settings by hand, checked with the same rules as everything else (shared/validate.ts).
import type { FormEvent, JSX, ReactNode } from 'react'
import type { SocketSecurity } from '@shared/model'
import { standardPorts, type AuthMethod, type MailProtocol } from '@shared/settings'
import { useApp } from '../store'
import type { DraftField } from '../store/server-draft'
import { authChoices, authWords, protocolWords, socketWords } from './words'

const sockets: readonly SocketSecurity[] = ['SSL', 'STARTTLS', 'plain']

interface FieldProps {
  id: string
  field: DraftField
  label: string
  errors: Partial<Record<DraftField, string>>
  size?: 'wide' | 'narrow'
  children: ReactNode
}

/** One labelled control with its error below (the control carries `${id}-${field}` as its id). */
function Field({ id, field, label, errors, size, children }: FieldProps): JSX.Element {
  const message = errors[field]
  return (
    <div className={size === undefined ? 'field' : `field field--${size}`}>
      <label htmlFor={`${id}-${field}`}>{label}</label>
      {children}
      {message !== undefined && <p id={`${id}-${field}-error`} className="field-error">{message}</p>}
    </div>
  )
}

export function ServerEditor(): JSX.Element | null {
  const editing = useApp((s) => s.editing)
  const editDraft = useApp((s) => s.editDraft)
  const saveEdit = useApp((s) => s.saveEdit)
  const cancelEdit = useApp((s) => s.cancelEdit)
  if (!editing) return null
  const { direction, draft, errors } = editing
  const id = `edit-${direction}`
  const protocols: readonly MailProtocol[] = direction === 'outgoing' ? ['smtp'] : ['imap', 'pop3']
  const invalid = (field: DraftField): { 'aria-invalid': boolean; 'aria-describedby'?: string } =>
    errors[field] !== undefined ? { 'aria-invalid': true, 'aria-describedby': `${id}-${field}-error` } : { 'aria-invalid': false }

  // Changing the security or the protocol moves the port along with it while it is a standard one.
  const standard = (protocol: MailProtocol, socket: SocketSecurity): string => String(standardPorts[protocol][socket] ?? draft.port)
  const isStandardPort = draft.port === standard(draft.protocol, draft.socket)
  const change = (patch: { protocol?: MailProtocol; socket?: SocketSecurity }): void =>
    editDraft(isStandardPort ? { ...patch, port: standard(patch.protocol ?? draft.protocol, patch.socket ?? draft.socket) } : patch)

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    saveEdit()
  }

  return (
    <form className="form editor" onSubmit={onSubmit} noValidate aria-label={direction === 'outgoing' ? 'Edit the outgoing server' : 'Edit the incoming server'}>
      <div className="form-grid">
        <Field id={id} field="protocol" label="Kind" errors={errors}>
          <select id={`${id}-protocol`} value={draft.protocol} disabled={protocols.length === 1} onChange={(e) => change({ protocol: e.target.value as MailProtocol })} {...invalid('protocol')}>
            {protocols.map((p) => <option key={p} value={p}>{protocolWords(p)}</option>)}
          </select>
        </Field>
        <Field id={id} field="host" label="Server name" errors={errors} size="wide">
          <input id={`${id}-host`} type="text" spellCheck={false} maxLength={300} value={draft.host} onChange={(e) => editDraft({ host: e.target.value })} {...invalid('host')} />
        </Field>
        <Field id={id} field="port" label="Port" errors={errors} size="narrow">
          <input id={`${id}-port`} type="text" inputMode="numeric" maxLength={5} value={draft.port} onChange={(e) => editDraft({ port: e.target.value })} {...invalid('port')} />
        </Field>
        <Field id={id} field="socket" label="Security" errors={errors}>
          <select id={`${id}-socket`} value={draft.socket} onChange={(e) => change({ socket: e.target.value as SocketSecurity })}>
            {sockets.map((s) => <option key={s} value={s}>{socketWords(s)}</option>)}
          </select>
        </Field>
        <Field id={id} field="username" label="User name" errors={errors} size="wide">
          <input id={`${id}-username`} type="text" spellCheck={false} maxLength={400} value={draft.username} onChange={(e) => editDraft({ username: e.target.value })} {...invalid('username')} />
        </Field>
        <Field id={id} field="auth" label="Sign-in" errors={errors}>
          <select id={`${id}-auth`} value={draft.auth} onChange={(e) => editDraft({ auth: e.target.value as AuthMethod })} {...invalid('auth')}>
            {authChoices.map((a) => <option key={a} value={a}>{authWords(a)}</option>)}
          </select>
        </Field>
      </div>
      {draft.socket === 'plain' && (
        <p className="warning-text">Without encryption your password and mail cross the network readable by anyone on the way.</p>
      )}
      <div className="step-footer">
        <button type="submit" className="primary">Use these settings</button>
        <button type="button" onClick={cancelEdit}>Cancel</button>
      </div>
    </form>
  )
}
