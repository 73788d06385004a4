// An unsigned Apple configuration profile (.mobileconfig) with one com.apple.mail.managed payload,
// for Apple Mail on macOS, iPhone and iPad. No password goes in: the device asks for it when the
// profile is installed (an unencrypted profile must never carry one).
//
// PayloadUUIDs are name-based (UUIDv5 of the address and the incoming host), so exporting the same
// account again yields the same identifiers and reinstalling replaces the old profile.
//
// Apple's keys cannot say everything: `...UseSSL` is one boolean (TLS or not), so STARTTLS and
// implicit TLS look alike — Apple Mail chooses by port — and there is no value for OAuth2.
import type { AccountSettings, AuthMethod, ServerSettings } from '../settings'
import { expandUsername } from '../settings'
import { hostWords } from './describe'
import { toDisplayAddress } from './idn'
import { ExportError, type ExportFile } from './types'
import { uuidV5 } from './uuid'

type AppleAuth = 'EmailAuthPassword' | 'EmailAuthCRAMMD5' | 'EmailAuthNTLM' | 'EmailAuthNone'

const appleAuth: Partial<Record<AuthMethod, AppleAuth>> = {
  'password-cleartext': 'EmailAuthPassword',
  'password-encrypted': 'EmailAuthCRAMMD5',
  NTLM: 'EmailAuthNTLM',
  none: 'EmailAuthNone',
  'client-IP-address': 'EmailAuthNone',
}

/** The first method in preference order that a profile can express. */
function authFor(server: ServerSettings, field: string): { value: AppleAuth; skipped: AuthMethod[] } {
  const index = server.auth.findIndex((m) => appleAuth[m] !== undefined)
  const value = index >= 0 ? appleAuth[server.auth[index] as AuthMethod] : undefined
  if (!value) {
    throw new ExportError(`${field}.auth`, `Apple mail profiles cannot express ${server.auth.join(', ')} (no OAuth2 or Kerberos value); add the account in System Settings > Internet Accounts instead`)
  }
  return { value, skipped: server.auth.slice(0, index) }
}

/** Loaded when needed: plist 5 is an ES module without a CommonJS entry, and the main bundle is CommonJS. */
async function buildPlist(value: Parameters<typeof import('plist').build>[0]): Promise<string> {
  const { build } = await import('plist')
  return build(value)
}

export async function renderApple(account: AccountSettings): Promise<ExportFile> {
  const incoming = account.incoming[0]
  const outgoing = account.outgoing[0]
  if (!incoming || !outgoing) throw new Error('settings without servers') // the schema guarantees both
  const inAuth = authFor(incoming, 'account.incoming.0')
  const outAuth = authFor(outgoing, 'account.outgoing.0')
  const inUser = expandUsername(incoming.username, account.address)
  const outUser = expandUsername(outgoing.username, account.address)
  const seed = `${account.address}\n${incoming.host}`
  const profileUuid = await uuidV5(`mobileconfig-profile\n${seed}`)
  const mailUuid = await uuidV5(`mobileconfig-mail\n${seed}`)
  const identifier = `local.clearport.mail.${profileUuid.toLowerCase()}`

  const mail: Record<string, string | number | boolean> = {
    PayloadType: 'com.apple.mail.managed',
    PayloadVersion: 1,
    PayloadIdentifier: `${identifier}.account`,
    PayloadUUID: mailUuid,
    PayloadDisplayName: `${account.providerName} mail`,
    EmailAccountDescription: account.providerName,
    EmailAccountType: incoming.protocol === 'imap' ? 'EmailTypeIMAP' : 'EmailTypePOP',
    EmailAddress: account.address,
    IncomingMailServerHostName: incoming.host,
    IncomingMailServerPortNumber: incoming.port,
    IncomingMailServerUseSSL: incoming.socket !== 'plain',
    IncomingMailServerAuthentication: inAuth.value,
    IncomingMailServerUsername: inUser,
    OutgoingMailServerHostName: outgoing.host,
    OutgoingMailServerPortNumber: outgoing.port,
    OutgoingMailServerUseSSL: outgoing.socket !== 'plain',
    OutgoingMailServerAuthentication: outAuth.value,
    OutgoingMailServerUsername: outUser,
    // One password prompt instead of two when both servers take the same sign-in.
    OutgoingPasswordSameAsIncomingPassword: inUser === outUser && inAuth.value === outAuth.value && inAuth.value !== 'EmailAuthNone',
  }
  if (account.displayName) mail.EmailAccountName = account.displayName

  const text = await buildPlist({
    PayloadType: 'Configuration',
    PayloadVersion: 1,
    PayloadIdentifier: identifier,
    PayloadUUID: profileUuid,
    PayloadDisplayName: `${account.providerName} mail (${toDisplayAddress(account.address)})`,
    PayloadDescription: `Mail settings for ${toDisplayAddress(account.address)}, checked by ClearPort. Contains no password.`,
    PayloadRemovalDisallowed: false,
    PayloadContent: [mail],
  })

  const notes: string[] = []
  for (const [name, s] of [['incoming', incoming], ['outgoing', outgoing]] as const) {
    if (s.socket === 'STARTTLS') {
      notes.push(`The ${name} server uses STARTTLS on port ${s.port}; the profile can only say "use SSL" (yes/no). Apple Mail picks STARTTLS or implicit TLS by port — check the account's advanced settings after installing.`)
    }
    if (s.socket === 'plain') notes.push(`The ${name} server is set up WITHOUT encryption: your password would travel readable.`)
  }
  for (const [name, a] of [['incoming', inAuth], ['outgoing', outAuth]] as const) {
    if (a.skipped.length > 0) notes.push(`The ${name} server prefers ${a.skipped.join(', ')}, which profiles cannot express; the profile uses ${a.value}${a.skipped.includes('OAuth2') ? ' (with Gmail-like providers that means an app password)' : ''}.`)
  }
  const instructions = [
    'Apple Mail configuration profile (unsigned).',
    '',
    '  Mac: double-click the file, then open System Settings > Privacy & Security > Profiles (or "Profile',
    '       Downloaded" at the top of System Settings) and click Install.',
    '  iPhone/iPad: send the file to the device (AirDrop, Mail, Files), then Settings > Profile Downloaded > Install.',
    '  The device warns that the profile is not signed — expected for a profile you made yourself — and asks for',
    '  the password during installation; the file holds none. Removing the profile removes the account.',
    '',
    `Incoming: ${hostWords(incoming.host)}:${incoming.port} ${incoming.socket}`,
    `Outgoing: ${hostWords(outgoing.host)}:${outgoing.port} ${outgoing.socket}`,
    ...notes.map((n) => `Note: ${n}`),
  ]
  const base = account.address.replace(/[^A-Za-z0-9._-]/g, '_')
  return { filename: `${base}.mobileconfig`, mimeType: 'application/x-apple-aspen-config', text, encoding: 'utf-8', instructions: instructions.join('\n') }
}
