// Account settings: what discovery finds, what sign-in and test-send prove, what the exporters
// write. Plain data. Authentication names follow Thunderbird's clientConfig vocabulary, the most
// widely implemented one (field-notes.md, "Export formats").
import type { SocketSecurity } from './vocabulary/socket-security'
import type { AuthMethod, MailProtocol } from './vocabulary/account'

export type { AuthMethod, MailProtocol } from './vocabulary/account'

export interface ServerSettings {
  protocol: MailProtocol
  /** ASCII (punycode) host name, lower case, no trailing dot. */
  host: string
  port: number
  socket: SocketSecurity
  /** In order of preference. */
  auth: AuthMethod[]
  /**
   * The user name, possibly with placeholders: %EMAILADDRESS%, %EMAILLOCALPART%, %EMAILDOMAIN%.
   * Never a password.
   */
  username: string
}

export interface AccountSettings {
  /** The person's address (local@asciiDomain). */
  address: string
  /** The person's name for the From header, if they gave one. */
  displayName?: string
  /** The provider's name for people ("Gmail", "Fastmail", or the domain). */
  providerName: string
  /** A stable id for the provider: its main domain. */
  providerId: string
  /** The domains this provider serves (for clientConfig's <domain>). */
  domains: string[]
  /** Recommended first, then verified alternatives. */
  incoming: ServerSettings[]
  outgoing: ServerSettings[]
}

/** Fill the username placeholders for one address. */
export function expandUsername(template: string, address: string): string {
  const at = address.lastIndexOf('@')
  const local = at >= 0 ? address.slice(0, at) : address
  const domain = at >= 0 ? address.slice(at + 1) : ''
  return template.replaceAll('%EMAILADDRESS%', address).replaceAll('%EMAILLOCALPART%', local).replaceAll('%EMAILDOMAIN%', domain)
}

/** The port each protocol and socket type uses when nothing says otherwise. */
export const standardPorts: Record<MailProtocol, Record<SocketSecurity, number>> = {
  smtp: { SSL: 465, STARTTLS: 587, plain: 587 },
  imap: { SSL: 993, STARTTLS: 143, plain: 143 },
  pop3: { SSL: 995, STARTTLS: 110, plain: 110 },
}
