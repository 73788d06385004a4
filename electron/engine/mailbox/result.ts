// What an IMAP or POP3 probe saw, in the same shape for both protocols.
import type { TlsSummary } from '@shared/model'
import type { ServerBehaviour } from '@shared/server-behaviour'

/** What the server did (the names `send` and the SMTP probe use, server-behaviour.ts) or how the probe ended. */
export type MailboxProbeErrorCode = ServerBehaviour | 'greeting-timeout' | 'reply-timeout' | 'tls-timeout' | 'tls-failed' | 'protocol' | 'closed' | 'reset'

export interface MailboxCapabilities {
  raw: string[]
  startTls: boolean
  /** SASL mechanisms. */
  auth: string[]
  /** A plain password command is allowed: IMAP LOGIN without LOGINDISABLED, POP3 USER. */
  passwordLogin: boolean
}

export interface MailboxProbeResult {
  banner: string | null
  /** On the plaintext session (STARTTLS / plain) or, for implicit TLS, the only session. */
  capabilitiesBeforeTls: MailboxCapabilities | null
  /** After STARTTLS; pre-TLS capabilities are forgotten (RFC 2595 §3.1, RFC 9051 §6.2.1). */
  capabilitiesAfterTls: MailboxCapabilities | null
  tls: TlsSummary | null
  injectedBytes: number
  error: { code: MailboxProbeErrorCode; message: string } | null
}

export interface MailboxDeadlines {
  greeting: number
  reply: number
  tls: number
}

export const defaultMailboxDeadlines: MailboxDeadlines = { greeting: 5000, reply: 4000, tls: 5000 }

/** A result with nothing seen yet; the probe fills it in as the conversation goes. */
export function emptyMailboxResult(tls: TlsSummary | null = null): MailboxProbeResult {
  return { banner: null, capabilitiesBeforeTls: null, capabilitiesAfterTls: null, tls, injectedBytes: 0, error: null }
}
