// Server settings in plain words.
import type { SocketSecurity } from '@shared/model'
import type { AuthMethod, MailProtocol } from '@shared/settings'
import { assertNever } from '../assert-never'

export const protocolWords = (protocol: MailProtocol): string => {
  switch (protocol) {
    case 'imap': return 'IMAP'
    case 'pop3': return 'POP3'
    case 'smtp': return 'SMTP'
    default: return assertNever(protocol)
  }
}

export const socketWords = (socket: SocketSecurity): string => {
  switch (socket) {
    case 'SSL': return 'Encrypted from the start (SSL/TLS)'
    case 'STARTTLS': return 'Encrypted after connecting (STARTTLS)'
    case 'plain': return 'Not encrypted'
    default: return assertNever(socket)
  }
}

export const authWords = (auth: AuthMethod): string => {
  switch (auth) {
    case 'password-cleartext': return 'Normal password'
    case 'password-encrypted': return 'Encrypted password'
    case 'OAuth2': return 'Sign in through the provider’s web page (OAuth2)'
    case 'GSSAPI': return 'Kerberos'
    case 'NTLM': return 'NTLM'
    case 'none': return 'No sign-in'
    case 'client-IP-address': return 'By network address'
    case 'smtp-after-pop': return 'SMTP after POP'
    default: return assertNever(auth)
  }
}

export const authChoices: readonly AuthMethod[] = ['password-cleartext', 'password-encrypted', 'OAuth2', 'none']
