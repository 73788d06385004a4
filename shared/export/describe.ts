// Words for settings values, shared by the settings sheet, the report and the instructions.
import type { SocketSecurity } from '../model'
import type { AuthMethod, ServerSettings } from '../settings'
import { toDisplayHost } from './idn'

export const socketWords: Record<SocketSecurity, string> = {
  SSL: 'SSL/TLS (encrypted from the first byte)',
  STARTTLS: 'STARTTLS (encryption switched on after connecting)',
  plain: 'none — unencrypted',
}

export const authWords: Record<AuthMethod, string> = {
  'password-cleartext': 'normal password',
  'password-encrypted': 'encrypted password (CRAM-MD5 / SCRAM)',
  OAuth2: 'OAuth2 (sign in through the provider’s web page)',
  GSSAPI: 'Kerberos / GSSAPI',
  NTLM: 'NTLM',
  none: 'no authentication',
  'client-IP-address': 'no authentication (the server trusts this network)',
  'smtp-after-pop': 'check incoming mail before sending (SMTP after POP)',
}

export const protocolWords = { imap: 'IMAP', pop3: 'POP3', smtp: 'SMTP' } as const

/** "imap.bücher.test (xn--...)" when the display form differs, else the host. */
export function hostWords(host: string): string {
  const shown = toDisplayHost(host)
  return shown === host ? host : `${shown} (${host})`
}

export function serverLine(server: ServerSettings): string {
  return `${protocolWords[server.protocol]} ${hostWords(server.host)}, port ${server.port}, ${socketWords[server.socket]}`
}
