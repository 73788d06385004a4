// The account as the text of Thunderbird for Android's account-import QR code: the format
// Thunderbird desktop's "Export for mobile" writes ("Export for Mobile" QR code format, version 1,
// in thunderbird-android's feature/migration/qrcode/qr-code-format.md). It is JSON made of nested
// arrays to stay small:
//   [FormatVersion, [SequenceNumber, SequenceEnd], IncomingServer, [[OutgoingServer, Identity]]]
//   IncomingServer [protocol, host, port, security, auth, username(, accountName, password)]
//   OutgoingServer [protocol, host, port, security, auth, username(, password)]
//   Identity       [email, displayName]
// The password is optional and left out: the format lets a writer omit it together with the
// optional elements before it, and ClearPort never puts a password into an export. The phone app
// asks for it after the scan. Only the recommended servers go in: one account, one code.
import type { SocketSecurity } from '../model'
import { expandUsername, type AccountSettings, type AuthMethod, type ServerSettings } from '../settings'
import { toAsciiDomain } from '../validate'
import { ExportError } from './types'

export const QR_FORMAT_VERSION = 1

/** ConnectionSecurity: 0 plain, 1 reserved (legacy), 2 always STARTTLS, 3 TLS. */
export const qrSecurity: Record<SocketSecurity, number> = { plain: 0, STARTTLS: 2, SSL: 3 }

/**
 * AuthenticationType: 0 none, 1 password cleartext, 2 password encrypted, 3 GSSAPI, 4 NTLM,
 * 5 TLS certificate, 6 OAuth2. The two "no password" outgoing methods are "none" on the phone,
 * as Thunderbird stores them.
 */
export const qrAuth: Record<AuthMethod, number> = {
  none: 0,
  'client-IP-address': 0,
  'smtp-after-pop': 0,
  'password-cleartext': 1,
  'password-encrypted': 2,
  GSSAPI: 3,
  NTLM: 4,
  OAuth2: 6,
}

/** IncomingProtocol 0 IMAP, 1 POP3; OutgoingProtocol 0 SMTP. */
const qrProtocol = { imap: 0, pop3: 1, smtp: 0 } as const

// The format allows ASCII host names and addresses only: an IDN goes in its xn-- form.
function asciiHost(host: string, field: string): string {
  const ascii = toAsciiDomain(host, 'host')
  if (!ascii.ok) throw new ExportError(field, ascii.message)
  return ascii.value
}

function asciiAddress(address: string): string {
  const at = address.lastIndexOf('@')
  const local = address.slice(0, at)
  if (!/^[\x21-\x7e]+$/.test(local)) throw new ExportError('address', 'has a non-ASCII name before the @, which Thunderbird for Android’s QR code cannot carry')
  return `${local}@${asciiHost(address.slice(at + 1), 'address')}`
}

function server(s: ServerSettings, address: string, field: string): [number, string, number, number, number, string] {
  const auth = s.auth[0]
  if (auth === undefined) throw new ExportError(`${field}.auth`, 'names no sign-in method')
  return [qrProtocol[s.protocol], asciiHost(s.host, `${field}.host`), s.port, qrSecurity[s.socket], qrAuth[auth], expandUsername(s.username, address)]
}

/** The QR code's text for the account's recommended incoming and outgoing server. */
export function androidQrPayload(account: AccountSettings): string {
  const address = asciiAddress(account.address)
  const incoming = account.incoming[0]
  const outgoing = account.outgoing[0]
  if (incoming === undefined) throw new ExportError('incoming', 'is empty; the QR code needs an incoming server')
  if (outgoing === undefined) throw new ExportError('outgoing', 'is empty; the QR code needs an outgoing server')
  const identity = [address, account.displayName ?? '']
  // AccountName is omitted: the reader then uses the identity's address, which is what it would be.
  return JSON.stringify([QR_FORMAT_VERSION, [1, 1], server(incoming, address, 'incoming.0'), [[server(outgoing, address, 'outgoing.0'), identity]]])
}
