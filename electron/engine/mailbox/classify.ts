// Turns what ended a mailbox probe into a classified, worded error (never a throw for server
// behaviour; only cancellation propagates).
import type { ProbeError } from '@shared/probe-error'
import type { ServerBehaviour } from '@shared/server-behaviour'
import { classifyConversationError } from '../probe/failure'
import { LineLimitError } from './line-assembler'
import { Pop3ParseError } from './pop3-parser'

export class MailboxProtocolError extends Error {
  override readonly name = 'MailboxProtocolError'
  constructor(
    message: string,
    /** What the server did, when the rule names it (a BYE mid-probe is a refusal). */
    readonly behaviour: ServerBehaviour | null = null,
  ) {
    super(message)
  }
}

/** What only the IMAP/POP3 line reader and parsers throw. */
function named(error: unknown, step: string): ProbeError | null {
  if (error instanceof LineLimitError) return { code: 'reply-too-large', message: error.message }
  if (error instanceof Pop3ParseError && /more than \d+ lines/.test(error.message)) return { code: 'reply-too-large', message: error.message }
  if (error instanceof Pop3ParseError && step === 'greeting') return { code: 'not-mail-server', message: error.message }
  if (error instanceof MailboxProtocolError && error.behaviour) return { code: error.behaviour, message: error.message }
  if (error instanceof Pop3ParseError || error instanceof MailboxProtocolError) return { code: 'protocol', message: error.message }
  return null
}

export function classifyMailboxError(error: unknown, step: string): ProbeError {
  return classifyConversationError(error, step, { implicitTlsPorts: '993, 995', named })
}
