// Server settings in plain words, one place per fact, keyed by the settings and discovery
// vocabularies: what each part of a setting means, where a server came from (one plain line per
// source) and exactly what was proven about it. Shared by the wizard, reports and the CLI.
import type { DiscoverySource, VerifyStatus } from '../discovery'
import type { SocketSecurity } from '../model'
import type { AuthMethod } from '../settings'

export const protocolWords = { imap: 'IMAP', pop3: 'POP3', smtp: 'SMTP' } as const

/** Each kind of security in words: short on the screens, explained in reports and settings sheets. */
export const socketTerms: Record<SocketSecurity, { short: string; explained: string }> = {
  SSL: { short: 'Encrypted (SSL/TLS)', explained: 'SSL/TLS (encrypted from the first byte)' },
  STARTTLS: { short: 'Encrypted after connecting (STARTTLS)', explained: 'STARTTLS (encryption switched on after connecting)' },
  plain: { short: 'Not encrypted', explained: 'none — unencrypted' },
}

/** Each sign-in method in words: short on the screens, explained in reports and settings sheets. */
export const authTerms: Record<AuthMethod, { short: string; explained: string }> = {
  'password-cleartext': { short: 'Normal password', explained: 'normal password' },
  'password-encrypted': { short: 'Encrypted password', explained: 'encrypted password (CRAM-MD5 / SCRAM)' },
  OAuth2: { short: 'Provider’s web sign-in (OAuth2)', explained: 'OAuth2 (sign in through the provider’s web page)' },
  GSSAPI: { short: 'Kerberos', explained: 'Kerberos / GSSAPI' },
  NTLM: { short: 'NTLM', explained: 'NTLM' },
  none: { short: 'No sign-in', explained: 'no authentication' },
  'client-IP-address': { short: 'By network address', explained: 'no authentication (the server trusts this network)' },
  'smtp-after-pop': { short: 'SMTP after POP', explained: 'check incoming mail before sending (SMTP after POP)' },
}

export const directionTitle = { incoming: 'Incoming mail (receiving)', outgoing: 'Outgoing mail (sending)' } as const

/** Where a server came from, in one plain line; the uncertain ones ask the person to check. */
export const sourceLine: Record<DiscoverySource, string> = {
  catalog: 'From ClearPort’s list of providers',
  autoconfig: 'Published by your provider',
  'autoconfig-http': 'Published by your provider over an unprotected connection — please check',
  ispdb: 'From Thunderbird’s provider database',
  autodiscover: 'Published by your provider (Exchange)',
  srv: 'Published in your domain’s DNS — please check',
  mx: 'Worked out from where your mail is delivered — please check',
  guess: 'Found by trying common names — please check',
}

export const typedSourceLine = 'Typed in by you'

/** Exactly what was proven about a server; "signed in" only once the sign-in step proved it. */
export type Proof = 'sent' | 'received' | 'verified' | 'untested-here' | 'not-tested' | 'failed'

export const proofWords: Record<Exclude<Proof, 'failed'>, string> = {
  sent: 'Signed in and sent a test message',
  received: 'Signed in and found the test message',
  verified: 'Reachable · encrypted · valid certificate',
  'untested-here': 'Not tested from here',
  'not-tested': 'Not tested yet',
}

/** A failed verification, in the words of the server list. */
export const statusWords: Record<VerifyStatus, string> = {
  ok: 'Reachable · encrypted · valid certificate',
  'untrusted-certificate': 'Certificate not valid',
  'plaintext-only': 'No encryption',
  'tls-failed': 'Encryption failed',
  'no-greeting': 'No answer',
  rejected: 'Refused',
  'protocol-error': 'Wrong protocol',
  unreachable: 'Not reachable',
  'dns-error': 'Name not found',
}
