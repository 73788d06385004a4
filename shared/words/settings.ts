// Server settings in plain words, one place per fact, keyed by the settings and discovery
// vocabularies: what each part of a setting means, where a server came from (one plain line per
// source) and exactly what was proven about it. Shared by the wizard, reports and the CLI.
import type { DiscoverySource, VerifyStatus } from '../discovery'
import type { SocketSecurity } from '../model'
import type { AuthMethod } from '../settings'

/** The protocol names are the reports' own (shared/export/describe.ts): one place. */
export { protocolWords } from '../export/describe'

export const socketWords: Record<SocketSecurity, string> = {
  SSL: 'Encrypted (SSL/TLS)',
  STARTTLS: 'Encrypted after connecting (STARTTLS)',
  plain: 'Not encrypted',
}

export const authWords: Record<AuthMethod, string> = {
  'password-cleartext': 'Normal password',
  'password-encrypted': 'Encrypted password',
  OAuth2: 'Provider’s web sign-in (OAuth2)',
  GSSAPI: 'Kerberos',
  NTLM: 'NTLM',
  none: 'No sign-in',
  'client-IP-address': 'By network address',
  'smtp-after-pop': 'SMTP after POP',
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
