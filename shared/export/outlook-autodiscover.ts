// Outlook's Autodiscover "POX" response for an internet mail account (MS-OXDSCLI,
// responseschema/2006a): Account > AccountType "email", Action "settings", one <Protocol> per
// server. <SSL> defaults to on and cannot tell STARTTLS from implicit TLS, so <Encryption> (None,
// SSL = implicit, TLS = STARTTLS; it overrides <SSL>) is always written. <SPA> defaults to ON when
// absent, which makes Outlook try NTLM: it is written off unless NTLM is the method to use.
import { expandUsername, type AccountSettings, type ServerSettings } from '../settings'
import { manualOutlookSteps, outlookEncryption, outlookServers, usesSpa } from './outlook-common'
import type { ExportFile } from './types'
import { buildXml, type XmlNode } from './xml'

const onOff = (value: boolean): string => (value ? 'on' : 'off')
const needsAuth = (s: ServerSettings): boolean => !['none', 'client-IP-address'].includes(s.auth[0] ?? '')

function protocol(s: ServerSettings, address: string, incoming: ServerSettings): XmlNode {
  const loginName = expandUsername(s.username, address)
  const node: XmlNode = {
    Type: s.protocol === 'smtp' ? 'SMTP' : s.protocol === 'imap' ? 'IMAP' : 'POP3',
    Server: s.host,
    Port: s.port,
    DomainRequired: 'off',
    LoginName: loginName,
    SPA: onOff(usesSpa(s)),
    SSL: onOff(s.socket !== 'plain'),
    Encryption: outlookEncryption[s.socket],
    AuthRequired: onOff(needsAuth(s)),
  }
  if (s.protocol === 'smtp') {
    // UsePOPAuth: sign in to SMTP with the incoming server's user name and password.
    node.UsePOPAuth = onOff(needsAuth(s) && loginName === expandUsername(incoming.username, address))
    // SMTPLast: "log on to incoming before sending" — only for SMTP-after-POP providers.
    node.SMTPLast = onOff(s.auth[0] === 'smtp-after-pop')
  }
  return node
}

export function renderOutlookAutodiscover(account: AccountSettings): ExportFile {
  const { incoming, outgoing } = outlookServers(account)
  const domain = account.address.slice(account.address.lastIndexOf('@') + 1)
  const text = buildXml({
    Autodiscover: {
      '@_xmlns': 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006',
      Response: {
        '@_xmlns': 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a',
        ...(account.displayName ? { User: { DisplayName: account.displayName } } : {}),
        Account: {
          AccountType: 'email',
          Action: 'settings',
          Protocol: [protocol(incoming, account.address, incoming), protocol(outgoing, account.address, incoming)],
        },
      },
    },
  })
  const instructions = [
    'Outlook Autodiscover file (POX), for classic Outlook for Windows (Outlook 2016, 2019, 2021, Microsoft 365).',
    '',
    'On one computer:',
    '  1. Save it, e.g. as C:\\Users\\<you>\\autodiscover.xml.',
    '  2. In the registry, under HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\AutoDiscover, add',
    `     a String value named "${domain}" whose data is the file's full path, and a DWORD value "PreferLocalXML" = 1.`,
    `  3. In Outlook: File > Add Account, type ${account.address}. Outlook reads the file and asks for the password.`,
    '',
    'For every user of the domain (the domain owner does this): answer POST requests to',
    `  https://autodiscover.${domain}/autodiscover/autodiscover.xml with this document.`,
    '',
    ...manualOutlookSteps(account),
  ]
  return { filename: 'autodiscover.xml', mimeType: 'application/xml', text: `${text}\n`, encoding: 'utf-8', instructions: instructions.join('\n') }
}
