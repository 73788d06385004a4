// A Thunderbird user.js that creates the account directly: mail.account / mail.identity /
// mail.server / mail.smtpserver prefs, as Thunderbird's account manager stores them in prefs.js.
// Only the first incoming server can belong to an account; every outgoing server is created, the
// recommended one as the identity's and the default.
//
// Values: socketType / try_ssl 0 plain, 2 STARTTLS, 3 SSL (nsMsgSocketType); authMethod from
// nsMsgAuthMethod: 1 none, 3 normal password, 4 encrypted password, 5 GSSAPI, 6 NTLM, 10 OAuth2.
// Strings are written as JavaScript string literals with every non-ASCII character as a \u escape,
// which Thunderbird's pref parser reads, so the file's encoding cannot matter.
import type { SocketSecurity } from '../model'
import { expandUsername, type AccountSettings, type AuthMethod } from '../settings'
import { uuidV5 } from './uuid'
import { hostWords } from './describe'
import type { ExportFile } from './types'

const socketValue: Record<SocketSecurity, number> = { plain: 0, STARTTLS: 2, SSL: 3 }

const authValue: Record<AuthMethod, number> = {
  'password-cleartext': 3,
  'password-encrypted': 4,
  GSSAPI: 5,
  NTLM: 6,
  OAuth2: 10,
  none: 1,
  // Thunderbird stores both as "no authentication" on the SMTP server (its own autoconfig does this).
  'client-IP-address': 1,
  'smtp-after-pop': 1,
}

/** A pref value as a JavaScript literal: ASCII only, every other character escaped. */
export function prefLiteral(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value)
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** user_pref("name", value); — the pref name is built from code and checked. */
function pref(name: string, value: string | number | boolean): string {
  if (!/^[a-z0-9_.]+$/i.test(name)) throw new Error(`bad pref name ${JSON.stringify(name)}`)
  return `user_pref(${prefLiteral(name)}, ${prefLiteral(value)});`
}

export async function renderThunderbirdPrefs(account: AccountSettings): Promise<ExportFile> {
  // Keys unique to this account, so two exported accounts can live in one profile.
  const id = `cp${(await uuidV5(`thunderbird-prefs\n${account.address}`)).replace(/-/g, '').slice(0, 8).toLowerCase()}`
  const incoming = account.incoming[0]
  if (!incoming) throw new Error('no incoming server') // the schema guarantees one
  const accountKey = `account_${id}`
  const serverKey = `server_${id}`
  const identityKey = `id_${id}`
  const smtpKeys = account.outgoing.map((_, i) => `smtp_${id}_${i + 1}`)

  const lines: string[] = [
    '// Thunderbird account created by ClearPort. Read the instructions that came with this file before',
    '// using it: it belongs in a NEW, empty Thunderbird profile, and must be deleted after the first start.',
    '',
    '// The account and its identity',
    pref('mail.accountmanager.accounts', accountKey),
    pref('mail.accountmanager.defaultaccount', accountKey),
    pref(`mail.account.${accountKey}.identities`, identityKey),
    pref(`mail.account.${accountKey}.server`, serverKey),
    pref(`mail.identity.${identityKey}.useremail`, account.address),
    ...(account.displayName ? [pref(`mail.identity.${identityKey}.fullName`, account.displayName)] : []),
    pref(`mail.identity.${identityKey}.smtpServer`, smtpKeys[0] ?? ''),
    pref(`mail.identity.${identityKey}.valid`, true),
    '',
    '// Incoming server',
    pref(`mail.server.${serverKey}.type`, incoming.protocol),
    pref(`mail.server.${serverKey}.hostname`, incoming.host),
    pref(`mail.server.${serverKey}.port`, incoming.port),
    pref(`mail.server.${serverKey}.socketType`, socketValue[incoming.socket]),
    pref(`mail.server.${serverKey}.authMethod`, authValue[incoming.auth[0] ?? 'password-cleartext']),
    pref(`mail.server.${serverKey}.userName`, expandUsername(incoming.username, account.address)),
    pref(`mail.server.${serverKey}.name`, account.address),
    pref(`mail.server.${serverKey}.login_at_startup`, true),
    '',
    '// Outgoing servers: the first is used; the others are verified alternatives',
  ]
  account.outgoing.forEach((smtp, i) => {
    const key = smtpKeys[i] ?? ''
    lines.push(
      pref(`mail.smtpserver.${key}.hostname`, smtp.host),
      pref(`mail.smtpserver.${key}.port`, smtp.port),
      pref(`mail.smtpserver.${key}.try_ssl`, socketValue[smtp.socket]),
      pref(`mail.smtpserver.${key}.authMethod`, authValue[smtp.auth[0] ?? 'password-cleartext']),
      pref(`mail.smtpserver.${key}.username`, expandUsername(smtp.username, account.address)),
      pref(`mail.smtpserver.${key}.description`, i === 0 ? account.providerName : `${account.providerName} (alternative ${i})`),
    )
  })
  lines.push(pref('mail.smtpservers', smtpKeys.join(',')), pref('mail.smtp.defaultserver', smtpKeys[0] ?? ''), '')

  const instructions = [
    'Thunderbird user.js: creates the account directly, without the setup dialog.',
    '',
    'A user.js is read at EVERY start and overrides Thunderbird\'s own settings; its account list would',
    'hide any accounts already in the profile. Use it only in a new, empty profile:',
    '  1. Quit Thunderbird. Run "thunderbird -P" (Windows: Win+R, then thunderbird.exe -P) and create a new profile.',
    '  2. Open that profile\'s folder (Help > Troubleshooting Information > Profile Folder > Open Folder, or the',
    '     folder shown in the profile dialog) and save this file there as "user.js".',
    '  3. Start Thunderbird with the new profile. The account appears; Thunderbird asks for the password',
    '     the first time it connects (the file holds none).',
    '  4. Quit Thunderbird and DELETE user.js: Thunderbird has copied everything into prefs.js.',
    '',
    `Incoming: ${hostWords(incoming.host)}:${incoming.port} ${incoming.socket}`,
    ...account.outgoing.map((s, i) => `Outgoing${i === 0 ? '' : ` (alternative ${i})`}: ${hostWords(s.host)}:${s.port} ${s.socket}`),
  ]
  if (account.incoming.length > 1) {
    instructions.push(`An account has one incoming server; the ${account.incoming.length - 1} alternative(s) are in the clientConfig export.`)
  }
  return { filename: 'user.js', mimeType: 'text/javascript', text: lines.join('\n'), encoding: 'utf-8', instructions: instructions.join('\n') }
}
