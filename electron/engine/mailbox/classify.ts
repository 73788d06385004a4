// Turns what ended a mailbox probe into a classified, worded error (never a throw for server
// behaviour; only cancellation propagates).
import type { ServerBehaviour } from '@shared/server-behaviour'
import { DeadlineError } from '../deadline'
import { TlsHandshakeError, injectionFailure } from '../net/tls'
import { ConnectionClosedError } from '../net/framed-connection'
import { LineLimitError } from './line-assembler'
import { Pop3ParseError } from './pop3-parser'
import type { MailboxProbeErrorCode } from './result'

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

export function classifyMailboxError(error: unknown, step: string): { code: MailboxProbeErrorCode; message: string } {
  const injected = injectionFailure(error, step)
  if (injected) return injected
  if (error instanceof DeadlineError) {
    const code = step === 'greeting' ? 'greeting-timeout' : step === 'tls' ? 'tls-timeout' : 'reply-timeout'
    const hint = step === 'greeting' ? ' — if this is an implicit-TLS port (993, 995), the client must start with TLS' : ''
    return { code, message: `${error.message}${hint}` }
  }
  if (error instanceof TlsHandshakeError) return { code: 'tls-failed', message: error.message }
  if (error instanceof LineLimitError) return { code: 'reply-too-large', message: error.message }
  if (error instanceof Pop3ParseError && /more than \d+ lines/.test(error.message)) return { code: 'reply-too-large', message: error.message }
  if (error instanceof Pop3ParseError && step === 'greeting') return { code: 'not-mail-server', message: error.message }
  if (error instanceof MailboxProtocolError && error.behaviour) return { code: error.behaviour, message: error.message }
  if (error instanceof Pop3ParseError || error instanceof MailboxProtocolError) {
    return { code: 'protocol', message: error.message }
  }
  if (error instanceof ConnectionClosedError) return { code: error.reset ? 'reset' : 'closed', message: `${error.message} (${step})` }
  return { code: 'protocol', message: error instanceof Error ? error.message : String(error) }
}
