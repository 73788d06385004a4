// The words of account settings: mail protocols and sign-in methods. Authentication names follow
// Thunderbird's clientConfig vocabulary, the most widely implemented one (field-notes.md).
export const mailProtocols = ['imap', 'pop3', 'smtp'] as const

export type MailProtocol = (typeof mailProtocols)[number]

export const incomingProtocols = ['imap', 'pop3'] as const satisfies readonly MailProtocol[]

export const authMethods = [
  'password-cleartext',
  'password-encrypted',
  'OAuth2',
  'GSSAPI',
  'NTLM',
  'none',
  'client-IP-address',
  'smtp-after-pop',
] as const

export type AuthMethod = (typeof authMethods)[number]

/** Methods that only make sense for sending (clientConfig lists them for outgoing servers only). */
export const outgoingOnlyAuth = ['client-IP-address', 'smtp-after-pop'] as const satisfies readonly AuthMethod[]

/** Whether a method may be listed for an incoming server. */
export const isIncomingAuth = (method: AuthMethod): boolean => !(outgoingOnlyAuth as readonly AuthMethod[]).includes(method)
