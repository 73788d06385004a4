// What ended a protocol conversation, named once for SMTP, IMAP and POP3: the step's deadline,
// a failed handshake, bytes injected before TLS, a closed or reset connection. Each protocol adds
// only what its own parser throws (`named`); everything else is worded the same for all three.
import type { ProbeError } from '@shared/probe-error'
import { DeadlineError } from '../deadline'
import { ConnectionClosedError } from '../net/framed-connection'
import { TlsHandshakeError, injectionFailure } from '../net/tls'

export interface FailureNames {
  /** The implicit-TLS ports named in the hint for a silent greeting, e.g. "465" or "993, 995". */
  implicitTlsPorts: string
  /** The protocol's own parse and refusal errors, or null for the common rules. */
  named(error: unknown, step: string): ProbeError | null
}

export function classifyConversationError(error: unknown, step: string, names: FailureNames): ProbeError {
  const injected = injectionFailure(error, step)
  if (injected) return injected
  if (error instanceof DeadlineError) {
    const code = step === 'greeting' ? 'greeting-timeout' : step === 'tls' ? 'tls-timeout' : 'reply-timeout'
    const hint = step === 'greeting' ? ` — if this is an implicit-TLS port (${names.implicitTlsPorts}), the client must start with TLS` : ''
    return { code, message: `${error.message}${hint}` }
  }
  if (error instanceof TlsHandshakeError) return { code: 'tls-failed', message: error.message }
  const named = names.named(error, step)
  if (named) return named
  if (error instanceof ConnectionClosedError) return { code: error.reset ? 'reset' : 'closed', message: `${error.message} (${step})` }
  return { code: 'protocol', message: error instanceof Error ? error.message : String(error) }
}
