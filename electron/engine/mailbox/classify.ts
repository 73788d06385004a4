// Turns what ended a mailbox probe into a classified, worded error (never a throw for server
// behaviour; only cancellation propagates).
import { DeadlineError } from '../deadline'
import { TlsHandshakeError } from '../net/tls'
import { ConnectionClosedError } from '../net/framed-connection'
import { LineLimitError } from './line-assembler'
import { Pop3ParseError } from './pop3-parser'
import type { MailboxProbeErrorCode } from './result'

export class MailboxProtocolError extends Error {
  override readonly name = 'MailboxProtocolError'
}

export function classifyMailboxError(error: unknown, step: string): { code: MailboxProbeErrorCode; message: string } {
  if (error instanceof DeadlineError) {
    const code = step === 'greeting' ? 'greeting-timeout' : step === 'tls' ? 'tls-timeout' : 'reply-timeout'
    const hint = step === 'greeting' ? ' — if this is an implicit-TLS port (993, 995), the client must start with TLS' : ''
    return { code, message: `${error.message}${hint}` }
  }
  if (error instanceof TlsHandshakeError) return { code: 'tls-failed', message: error.message }
  if (error instanceof LineLimitError || error instanceof Pop3ParseError || error instanceof MailboxProtocolError) {
    return { code: 'protocol', message: error.message }
  }
  if (error instanceof ConnectionClosedError) return { code: error.reset ? 'reset' : 'closed', message: `${error.message} (${step})` }
  return { code: 'protocol', message: error instanceof Error ? error.message : String(error) }
}
