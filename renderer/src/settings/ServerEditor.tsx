// Typing settings by hand, checked with the same rules as everything else (shared/validate.ts).
import type { FormEvent, JSX } from 'react'
import { socketSecurities, type SocketSecurity } from '@shared/vocabulary/socket-security'
import { standardPorts, type AuthMethod, type MailProtocol } from '@shared/settings'
import { useApp } from '../store'
import type { DraftField } from '../store/server-draft'
import { authChoices, authWords, protocolWords, socketWords } from './words'

const sockets = socketSecurities

function FieldError({ id, errors, field }: { id: string; errors: Partial<Record<DraftField, string>>; field: DraftField }): JSX.Element | null {
  const message = errors[field]
  return message === undefined ? null : <p id={`${id}-${field}-error`} className="field-error">{message}</p>
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

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    saveEdit()
  }

  return (
    <form className="card form editor" onSubmit={onSubmit} noValidate aria-label={direction === 'outgoing' ? 'Edit the outgoing server' : 'Edit the incoming server'}>
      <h3>{direction === 'outgoing' ? 'Outgoing server (sending)' : 'Incoming server (receiving)'}</h3>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-protocol`}>Kind</label>
          <select
            id={`${id}-protocol`}
            value={draft.protocol}
            disabled={protocols.length === 1}
            onChange={(e) => {
              const protocol = e.target.value as MailProtocol
              editDraft(isStandardPort ? { protocol, port: standard(protocol, draft.socket) } : { protocol })
            }}
            {...invalid('protocol')}
          >
            {protocols.map((p) => <option key={p} value={p}>{protocolWords(p)}</option>)}
          </select>
          <FieldError id={id} errors={errors} field="protocol" />
        </div>
        <div className="field field--wide">
          <label htmlFor={`${id}-host`}>Server name</label>
          <input id={`${id}-host`} type="text" spellCheck={false} maxLength={300} value={draft.host} onChange={(e) => editDraft({ host: e.target.value })} {...invalid('host')} />
          <FieldError id={id} errors={errors} field="host" />
        </div>
        <div className="field field--narrow">
          <label htmlFor={`${id}-port`}>Port</label>
          <input id={`${id}-port`} type="text" inputMode="numeric" maxLength={5} value={draft.port} onChange={(e) => editDraft({ port: e.target.value })} {...invalid('port')} />
          <FieldError id={id} errors={errors} field="port" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-socket`}>Security</label>
          <select
            id={`${id}-socket`}
            value={draft.socket}
            onChange={(e) => {
              const socket = e.target.value as SocketSecurity
              editDraft(isStandardPort ? { socket, port: standard(draft.protocol, socket) } : { socket })
            }}
          >
            {sockets.map((s) => <option key={s} value={s}>{socketWords(s)}</option>)}
          </select>
        </div>
        <div className="field field--wide">
          <label htmlFor={`${id}-username`}>User name</label>
          <input id={`${id}-username`} type="text" spellCheck={false} maxLength={400} value={draft.username} onChange={(e) => editDraft({ username: e.target.value })} {...invalid('username')} />
          <FieldError id={id} errors={errors} field="username" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-auth`}>Sign-in</label>
          <select id={`${id}-auth`} value={draft.auth} onChange={(e) => editDraft({ auth: e.target.value as AuthMethod })} {...invalid('auth')}>
            {authChoices.map((a) => <option key={a} value={a}>{authWords(a)}</option>)}
          </select>
          <FieldError id={id} errors={errors} field="auth" />
        </div>
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
