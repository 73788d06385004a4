// Typing settings by hand, checked with the same rules as everything else (shared/validate.ts).
import type { FormEvent, JSX, ReactNode } from 'react'
import { socketSecurities, type SocketSecurity } from '@shared/vocabulary/socket-security'
import { standardPorts, type MailProtocol } from '@shared/settings'
import { useApp } from '../store'
import type { DraftField } from '../store/server-draft'
import { authChoices, authWords, protocolWords, socketWords } from './words'

const sockets = socketSecurities

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

interface SelectProps<T extends string> {
  id: string
  value: T
  options: readonly T[]
  words: (option: T) => string
  onPick: (option: T) => void
  invalid: { 'aria-invalid': boolean; 'aria-describedby'?: string }
}

/** A select over one vocabulary, each option in words. */
function Select<T extends string>({ id, value, options, words, onPick, invalid }: SelectProps<T>): JSX.Element {
  return (
    <select id={id} value={value} disabled={options.length === 1} onChange={(e) => onPick(e.target.value as T)} {...invalid}>
      {options.map((o) => <option key={o} value={o}>{words(o)}</option>)}
    </select>
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

  const field = (name: DraftField, label: string, control: ReactNode, size?: 'wide' | 'narrow'): JSX.Element => (
    <Field id={id} field={name} label={label} errors={errors} {...(size !== undefined && { size })}>{control}</Field>
  )
  const text = (name: 'host' | 'port' | 'username', maxLength: number, inputMode?: 'numeric'): JSX.Element => (
    <input id={`${id}-${name}`} type="text" spellCheck={false} maxLength={maxLength} value={draft[name]} onChange={(e) => editDraft({ [name]: e.target.value })} {...(inputMode !== undefined && { inputMode })} {...invalid(name)} />
  )

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    saveEdit()
  }

  return (
    <form className="form editor" onSubmit={onSubmit} noValidate aria-label={direction === 'outgoing' ? 'Edit the outgoing server' : 'Edit the incoming server'}>
      <div className="form-grid">
        {field('protocol', 'Kind', <Select id={`${id}-protocol`} value={draft.protocol} options={protocols} words={protocolWords} onPick={(protocol) => change({ protocol })} invalid={invalid('protocol')} />)}
        {field('host', 'Server name', text('host', 300), 'wide')}
        {field('port', 'Port', text('port', 5, 'numeric'), 'narrow')}
        {field('socket', 'Security', <Select id={`${id}-socket`} value={draft.socket} options={sockets} words={socketWords} onPick={(socket) => change({ socket })} invalid={invalid('socket')} />)}
        {field('username', 'User name', text('username', 400), 'wide')}
        {field('auth', 'Sign-in', <Select id={`${id}-auth`} value={draft.auth} options={authChoices} words={authWords} onPick={(auth) => editDraft({ auth })} invalid={invalid('auth')} />)}
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
