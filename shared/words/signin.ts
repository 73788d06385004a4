// Signing in and the test message in plain words, one place per fact, keyed by the send
// vocabularies: each stage, the failure heading per problem code (the technical sentence stays
// the engine's, shown in the details), and the one line of proof after a success. Shared by the
// wizard, reports and the CLI; whole sentences with named gaps (fill.ts).
import type { SendProblemCode, SendStage } from '../send'

export const stageWords: Record<SendStage, string> = {
  resolve: 'Look up the sending server',
  connect: 'Connect and encrypt',
  auth: 'Sign in',
  envelope: 'Name sender and recipient',
  reset: 'Reset',
  data: 'Send the test message',
  quit: 'Say goodbye',
  'imap-resolve': 'Look up the incoming server',
  'imap-connect': 'Connect to the incoming server',
  'imap-search': 'Find the message in the mailbox',
  'imap-delete': 'Delete the test message',
  'imap-logout': 'Sign out of the incoming server',
}

/** The failure's heading: what happened, in words a person knows. */
export const problemHeading: Record<SendProblemCode, string> = {
  'server-busy': 'The mail server is busy and turned the connection away',
  'greeting-refused': 'The mail server refused the connection',
  'not-mail-server': 'That address is not a mail server',
  'ehlo-refused': 'The mail server refused to talk to ClearPort',
  'starttls-missing': 'The mail server does not offer encryption, so your password was not sent',
  'starttls-refused': 'The mail server refused to encrypt the connection, so your password was not sent',
  'starttls-injection': 'Something tampered with the connection while it was being encrypted',
  'command-refused': 'The mail server refused a basic command',
  'reply-too-large': 'The mail server sent far more than any mail server should',
  'preauth-plaintext': 'The incoming server let ClearPort in without encryption, so nothing was protected',
  'auth-failed': 'The server did not accept your user name or password',
  'app-password-required': 'This account needs an app password, not your normal password',
  'basic-auth-disabled': 'Password sign-in is switched off for this account',
  'auth-required': 'The server wants a sign-in that ClearPort did not get to make',
  'auth-not-offered': 'The server offers no way to sign in with a password',
  'sender-denied': 'The server does not let this account send as your address',
  'relay-denied': 'The server would not pass the test message on',
  'recipient-rejected': 'The server refused your address as the recipient',
  'message-rejected': 'The server refused the test message',
  'temporary-failure': 'The server had a temporary problem; try again in a few minutes',
  'tls-on-starttls-port': 'This port expects “encrypted after connecting” (STARTTLS), not SSL/TLS',
  'plaintext-on-tls-port': 'This port expects “encrypted” (SSL/TLS) from the start',
  'greeting-timeout': 'The server took the connection but never said hello',
  'plaintext-auth-refused': 'ClearPort did not send your password over an unencrypted connection',
  'cert-self-signed': 'The server’s certificate is not from a trusted authority',
  'cert-expired': 'The server’s certificate has expired',
  'cert-wrong-host': 'The server’s certificate is for another name',
  'cert-untrusted': 'The server’s certificate could not be trusted',
  'cert-intercepted': 'Something on this computer or network is inspecting encrypted connections',
  'cert-weak': 'The server’s certificate uses encryption too weak to trust',
  'tls-failed': 'The encrypted connection could not be set up',
  'connection-refused': 'The server refused the connection on this port',
  'connection-timeout': 'The server did not answer from this network',
  'network-unreachable': 'This network could not reach the server',
  'connection-lost': 'The server hung up in the middle',
  'dns-failed': 'The server’s name could not be found',
  deadline: 'The server took too long to answer',
  'not-delivered': 'The test message was sent but has not arrived in the mailbox',
  protocol: 'The server answered in a way ClearPort does not understand',
  internal: 'Something went wrong inside ClearPort',
}

/** The one line of proof after a success; gaps: user, seconds, mailbox. */
export const proofLine = {
  received: 'Signed in as {user} and received the test message in {seconds} s',
  receivedIn: 'Signed in as {user} and received the test message in {mailbox} after {seconds} s',
  sent: 'Signed in as {user} and sent the test message',
  notArrived: 'Signed in as {user} and sent the test message; it has not arrived in the mailbox yet',
  checked: 'Signed in as {user}; the server accepted the test envelope (nothing was sent)',
} as const

export const blockedBefore = {
  'network-check': 'The network check found port {port} blocked on this network, so this test will most likely not reach {host} from here. The settings are still the ones to use: save them in the next step and test them from another network (a phone’s hotspot will do).',
  discovery: 'Port {port} did not answer from this network while looking for your settings, so this test will most likely not reach {host} from here. The settings are still the ones to use: save them in the next step and test them from another network (a phone’s hotspot will do).',
} as const

export const blockedAfter = {
  'network-check': 'The network check found port {port} blocked on this network: that is why. Your settings can still be saved in the next step; test them from another network.',
  discovery: 'Port {port} did not answer from this network while looking for your settings: that is why. Your settings can still be saved in the next step; test them from another network.',
} as const
