// A classic-Outlook profile file for `outlook.exe /importprf FILE.prf`, in the layout the Office
// Customization Tool writes: [General], [Service List], [Internet Account List] naming the account
// (IMAP_I_Mail or I_Mail for POP3), [Account1] with the values, and the property-mapping sections
// that tell Outlook where each value goes (copied as the tool writes them — a value without a
// mapping is silently dropped).
//
// Unconfirmed value meanings, written as the Office Customization Tool's documentation gives them
// and flagged in the instructions: SMTPSecureConnection 0 none, 1 SSL, 2 TLS (STARTTLS), 3 auto;
// IMAPUseSSL / POP3UseSSL use the same numbers; SMTPAuthMethod 0 "same as incoming", 1 "log on
// using", 2 "log on to incoming before sending".
import type { SocketSecurity } from '../model'
import { expandUsername, type AccountSettings, type ServerSettings } from '../settings'
import { buildIni, type IniSection } from './ini'
import { manualOutlookSteps, outlookServers, usesSpa } from './outlook-common'
import type { ExportFile } from './types'

const secure: Record<SocketSecurity, number> = { plain: 0, SSL: 1, STARTTLS: 2 }
const bit = (value: boolean): number => (value ? 1 : 0)
const needsAuth = (s: ServerSettings): boolean => !['none', 'client-IP-address'].includes(s.auth[0] ?? '')

/**
 * The property mapping of one account type, as the Office Customization Tool writes it: the same
 * layout for POP3 and IMAP but for the incoming server's key prefix and the type's own tail.
 */
function mapping(name: string, incoming: 'POP3' | 'IMAP', tail: [string, string][]): IniSection {
  return {
    name,
    entries: [
      ['AccountType', incoming],
      ['AccountName', 'PT_UNICODE,0x0002'],
      ['DisplayName', 'PT_UNICODE,0x000B'],
      ['EmailAddress', 'PT_UNICODE,0x000C'],
      [`${incoming}Server`, 'PT_UNICODE,0x0100'],
      [`${incoming}UserName`, 'PT_UNICODE,0x0101'],
      [`${incoming}UseSPA`, 'PT_LONG,0x0108'],
      ['Organization', 'PT_UNICODE,0x0107'],
      ['ReplyEmailAddress', 'PT_UNICODE,0x0103'],
      [`${incoming}Port`, 'PT_LONG,0x0104'],
      [`${incoming}UseSSL`, 'PT_LONG,0x0105'],
      ['SMTPServer', 'PT_UNICODE,0x0200'],
      ['SMTPUseAuth', 'PT_LONG,0x0203'],
      ['SMTPAuthMethod', 'PT_LONG,0x0208'],
      ['SMTPUserName', 'PT_UNICODE,0x0204'],
      ['SMTPUseSPA', 'PT_LONG,0x0207'],
      ['ConnectionType', 'PT_LONG,0x000F'],
      ['ConnectionOID', 'PT_UNICODE,0x0010'],
      ['SMTPPort', 'PT_LONG,0x0201'],
      ['SMTPSecureConnection', 'PT_LONG,0x020A'],
      ['ServerTimeOut', 'PT_LONG,0x0209'],
      ...tail,
    ],
  }
}

const POP3_MAPPING = mapping('I_Mail', 'POP3', [['LeaveOnServer', 'PT_LONG,0x1000']])
const IMAP_MAPPING = mapping('IMAP_I_Mail', 'IMAP', [['CheckNewImap', 'PT_LONG,0x1100'], ['RootFolder', 'PT_UNICODE,0x1101']])

/** Which input field a PRF value came from, for error messages. */
function fieldFor(key: string): string {
  if (key === 'DisplayName') return 'account.displayName'
  if (key === 'ProfileName' || key === 'AccountName' || key === 'EmailAddress' || key === 'ReplyEMailAddress') return 'account.address'
  if (key.startsWith('SMTP')) return 'account.outgoing.0'
  return 'account.incoming.0'
}

export function renderOutlookPrf(account: AccountSettings): ExportFile {
  const { incoming, outgoing } = outlookServers(account)
  const imap = incoming.protocol === 'imap'
  const p = imap ? 'IMAP' : 'POP3'
  const incomingUser = expandUsername(incoming.username, account.address)
  const outgoingUser = expandUsername(outgoing.username, account.address)
  const smtpAuth = needsAuth(outgoing)
  const smtpAuthMethod = outgoing.auth[0] === 'smtp-after-pop' ? 2 : outgoingUser === incomingUser ? 0 : 1

  const values: [string, string | number][] = [
    ['UniqueService', 'No'],
    ['AccountName', account.address],
    ...(account.displayName ? [['DisplayName', account.displayName] as [string, string]] : []),
    ['EmailAddress', account.address],
    ['ReplyEMailAddress', account.address],
    [`${p}Server`, incoming.host],
    [`${p}Port`, incoming.port],
    [`${p}UseSSL`, secure[incoming.socket]],
    [`${p}UserName`, incomingUser],
    [`${p}UseSPA`, bit(usesSpa(incoming))],
    ['SMTPServer', outgoing.host],
    ['SMTPPort', outgoing.port],
    ['SMTPSecureConnection', secure[outgoing.socket]],
    ['SMTPUseAuth', bit(smtpAuth)],
    ...(smtpAuth ? [['SMTPAuthMethod', smtpAuthMethod] as [string, number]] : []),
    ...(smtpAuth && smtpAuthMethod === 1 ? [['SMTPUserName', outgoingUser] as [string, string]] : []),
    ['SMTPUseSPA', bit(usesSpa(outgoing))],
    ['ConnectionType', 0],
    ['ConnectionOID', 'MyConnection'],
    ['ServerTimeOut', 60],
    // POP3: LeaveOnServer is not written, so Outlook keeps its default (a copy stays on the server);
    // 0 would delete every message from the server after download.
    ...(imap ? [['CheckNewImap', 1] as [string, number]] : []),
  ]

  const sections: IniSection[] = [
    {
      name: 'General',
      comments: ['Outlook profile file written by ClearPort. Import with: outlook.exe /importprf <this file>'],
      // Append the account to the default profile instead of replacing anything.
      entries: [
        ['Custom', 1],
        ['ProfileName', 'Outlook'],
        ['DefaultProfile', 'Yes'],
        ['OverwriteProfile', 'Append'],
        ['ModifyDefaultProfileIfPresent', 'TRUE'],
      ],
    },
    { name: 'Service List', entries: [] },
    { name: 'Internet Account List', entries: [['Account1', imap ? 'IMAP_I_Mail' : 'I_Mail']] },
    { name: 'Account1', entries: values },
    { ...(imap ? IMAP_MAPPING : POP3_MAPPING), comments: ['Mapping for internet account properties (as the Office Customization Tool writes it). Do not modify.'] },
  ]
  const text = buildIni(sections, (_section, key) => fieldFor(key))
  // Windows profile files are ANSI or UTF-16LE; a name outside ASCII needs UTF-16LE (with a BOM).
  const ascii = /^[\x20-\x7e\r\n]*$/.test(text)
  const instructions = [
    'Outlook profile file (PRF), for classic Outlook for Windows only.',
    '',
    '  1. Quit Outlook.',
    '  2. Press Win+R and run:  outlook.exe /importprf "C:\\path\\to\\clearport.prf"',
    '     (Outlook must be installed; the account is added to your default profile.)',
    '  3. Outlook asks for the password the first time it connects; the file holds none.',
    '  4. Check File > Account Settings > Account Settings > Change > More Settings > Advanced: the encryption',
    `     shown must be ${incoming.socket === 'STARTTLS' ? 'STARTTLS (or TLS)' : incoming.socket === 'SSL' ? 'SSL/TLS' : 'None'} for incoming and ${outgoing.socket === 'STARTTLS' ? 'STARTTLS (or TLS)' : outgoing.socket === 'SSL' ? 'SSL/TLS' : 'None'} for outgoing.`,
    '     The numbers PRF files use for encryption are not documented by Microsoft for every Outlook version.',
    '',
    ...manualOutlookSteps(account),
  ]
  return {
    filename: 'clearport.prf',
    mimeType: 'application/octet-stream',
    text,
    encoding: ascii ? 'utf-8' : 'utf-16le',
    instructions: instructions.join('\n'),
  }
}
