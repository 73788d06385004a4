// How a mail connection is encrypted, in Thunderbird's clientConfig words: implicit TLS from the
// first byte (SSL), an upgrade after the greeting (STARTTLS), or none. Best first: ranking and
// every list follow this order.
export const socketSecurities = ['SSL', 'STARTTLS', 'plain'] as const

export type SocketSecurity = (typeof socketSecurities)[number]

/** The encrypted ones (what ClearPort recommends and what the bundled ISPDB keeps). */
export const encryptedSockets = ['SSL', 'STARTTLS'] as const satisfies readonly SocketSecurity[]

/** What people type for each (case-insensitive): "TLS" is implicit TLS, as in most mail programs. */
const socketWords: Record<string, SocketSecurity> = { ssl: 'SSL', tls: 'SSL', starttls: 'STARTTLS', plain: 'plain' }

/** A socket type as typed in a flag or a file ("ssl", "TLS", "starttls", "plain"), or null. */
export function socketFromWord(text: string): SocketSecurity | null {
  return Object.hasOwn(socketWords, text.toLowerCase()) ? (socketWords[text.toLowerCase()] ?? null) : null
}
