// Manual server entry: what the form holds (text, as typed) and its validation into the shared
// ServerSettings model. Pure, so the form and the tests share one set of rules.
import type { SocketSecurity } from '@shared/model'
import { expandUsername, standardPorts, type AuthMethod, type MailProtocol, type ServerSettings } from '@shared/settings'
import type { Direction } from '@shared/account-plan'
import { parseHost, parsePort } from '@shared/validate'

export type { Direction }

export interface ServerDraft {
  protocol: MailProtocol
  host: string
  port: string
  socket: SocketSecurity
  username: string
  auth: AuthMethod
}

export type DraftField = 'host' | 'port' | 'username' | 'protocol' | 'socket' | 'auth'

export type DraftCheck = { ok: true; value: ServerSettings } | { ok: false; errors: Partial<Record<DraftField, string>> }

/** Longest user name accepted; it is sent in AUTH and written into files. */
const MAX_USERNAME = 320

const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/** The form shows the person's own user name, never a placeholder such as %EMAILADDRESS%. */
export function draftFrom(settings: ServerSettings, address: string): ServerDraft {
  return {
    protocol: settings.protocol,
    host: settings.host,
    port: String(settings.port),
    socket: settings.socket,
    username: expandUsername(settings.username, address),
    auth: settings.auth[0] ?? 'password-cleartext',
  }
}

/** A starting point for a domain nobody described: the common host names, the RFC 8314 ports. */
export function blankDraft(direction: Direction, address: string): ServerDraft {
  const domain = address.slice(address.lastIndexOf('@') + 1)
  const protocol: MailProtocol = direction === 'outgoing' ? 'smtp' : 'imap'
  return {
    protocol,
    host: `${direction === 'outgoing' ? 'smtp' : 'imap'}.${domain}`,
    port: String(standardPorts[protocol].SSL ?? ''),
    socket: 'SSL',
    username: address,
    auth: 'password-cleartext',
  }
}

export function checkDraft(draft: ServerDraft, direction: Direction): DraftCheck {
  const errors: Partial<Record<DraftField, string>> = {}
  const host = parseHost(draft.host)
  if (!host.ok) errors.host = sentence(host.message)
  const port = parsePort(draft.port)
  if (!port.ok) errors.port = sentence(port.message)
  const protocolFits = direction === 'outgoing' ? draft.protocol === 'smtp' : draft.protocol !== 'smtp'
  if (!protocolFits) errors.protocol = direction === 'outgoing' ? 'Outgoing mail uses SMTP.' : 'Incoming mail uses IMAP or POP3.'
  const username = draft.username.trim()
  if (username === '') errors.username = 'Enter the user name (often your whole email address).'
  // eslint-disable-next-line no-control-regex
  else if (/[\x00-\x1f\x7f]/.test(username)) errors.username = 'The user name cannot contain line breaks or control characters.'
  else if (username.length > MAX_USERNAME) errors.username = `The user name can be at most ${MAX_USERNAME} characters.`
  if (direction === 'incoming' && draft.auth === 'none') errors.auth = 'Incoming mail always needs a sign-in.'
  if (!host.ok || !port.ok || Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: { protocol: draft.protocol, host: host.value.host, port: port.value, socket: draft.socket, auth: [draft.auth], username },
  }
}
