// What both Outlook exports share: which servers Outlook can take, and the manual steps for the
// new Outlook for Windows, which reads neither PRF files nor a local Autodiscover file.
import type { SocketSecurity } from '../model'
import { expandUsername, type AccountSettings, type ServerSettings } from '../settings'
import { hostWords } from './describe'

/** Outlook's names for the connection security (Autodiscover <Encryption>; the PRF uses numbers). */
export const outlookEncryption: Record<SocketSecurity, 'None' | 'SSL' | 'TLS'> = { plain: 'None', SSL: 'SSL', STARTTLS: 'TLS' }

/** Outlook's account dialogs name the same choices like this. */
const outlookWords: Record<SocketSecurity, string> = { plain: 'None', SSL: 'SSL/TLS', STARTTLS: 'STARTTLS' }

/** Outlook takes one incoming and one outgoing server: the recommended ones. */
export function outlookServers(account: AccountSettings): { incoming: ServerSettings; outgoing: ServerSettings } {
  const incoming = account.incoming[0]
  const outgoing = account.outgoing[0]
  if (!incoming || !outgoing) throw new Error('settings without servers') // the schema guarantees both
  return { incoming, outgoing }
}

/** "SPA" is Microsoft's name for NTLM sign-in; it is on only when NTLM is the method to use. */
export const usesSpa = (server: ServerSettings): boolean => server.auth[0] === 'NTLM'

export function manualOutlookSteps(account: AccountSettings): string[] {
  const { incoming, outgoing } = outlookServers(account)
  const steps = [
    'New Outlook for Windows and Outlook on the web read neither PRF files nor local Autodiscover files. Add the',
    'account by hand: Settings > Accounts > Add account, type the address, choose "' + incoming.protocol.toUpperCase() + '", then enter:',
    `  Incoming (${incoming.protocol.toUpperCase()}): ${hostWords(incoming.host)}, port ${incoming.port}, encryption ${outlookWords[incoming.socket]}`,
    `    user name ${expandUsername(incoming.username, account.address)}`,
    `  Outgoing (SMTP): ${hostWords(outgoing.host)}, port ${outgoing.port}, encryption ${outlookWords[outgoing.socket]}`,
    `    user name ${expandUsername(outgoing.username, account.address)}`,
  ]
  if (incoming.auth[0] === 'OAuth2' || outgoing.auth[0] === 'OAuth2') {
    steps.push('  This provider prefers OAuth2: Outlook signs in through the provider’s page only for providers it knows', '  (Gmail, Outlook.com); elsewhere an app password is needed.')
  }
  if (account.incoming.length > 1 || account.outgoing.length > 1) {
    steps.push('  Outlook takes one server each way; the verified alternatives are listed in the settings sheet.')
  }
  return steps
}
