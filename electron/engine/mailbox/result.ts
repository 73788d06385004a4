// What an IMAP or POP3 probe saw, in the same shape for both protocols.
import type { TlsSummary } from '@shared/model'
import { emptyConversation, type ConversationResult } from '../probe/conversation'

export interface MailboxCapabilities {
  raw: string[]
  startTls: boolean
  /** SASL mechanisms. */
  auth: string[]
  /** A plain password command is allowed: IMAP LOGIN without LOGINDISABLED, POP3 USER. */
  passwordLogin: boolean
}

/** What an IMAP or POP3 probe saw (the shape SMTP's has too, probe/conversation.ts). */
export type MailboxProbeResult = ConversationResult<MailboxCapabilities>

export interface MailboxDeadlines {
  greeting: number
  reply: number
  tls: number
}

export const defaultMailboxDeadlines: MailboxDeadlines = { greeting: 5000, reply: 4000, tls: 5000 }

/** What every mailbox probe starts from: its deadlines and an empty result. */
export function startMailboxProbe(options: { deadlines?: Partial<MailboxDeadlines>; tls?: TlsSummary | null }): { deadlines: MailboxDeadlines; result: MailboxProbeResult } {
  return { deadlines: { ...defaultMailboxDeadlines, ...options.deadlines }, result: emptyConversation<MailboxCapabilities>(options.tls ?? null) }
}
