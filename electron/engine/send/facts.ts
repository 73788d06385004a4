// What an error object says, as plain SendErrorFacts for the pure classifier (shared/send.ts).
// nodemailer keeps `code`, `originalCode`, `timeoutType`, `response`, `responseCode`, `command`
// (toolchain.md §5); imapflow keeps `code`, `authenticationFailed`, `serverResponseCode`,
// `responseText`; Node keeps `code`. Only known fields are read, and only as strings or numbers.
import { emptyFacts, type SendErrorFacts } from '@shared/send'
import { BEHAVIOUR_WORDS, type ServerBehaviour } from '@shared/server-behaviour'
import { DeadlineError } from '../deadline'
import { LineLimitError } from '../mailbox/line-assembler'
import { MailboxProtocolError } from '../mailbox/classify'
import { Pop3ParseError } from '../mailbox/pop3-parser'
import { DnsError } from '../net/dns'
import { ConnectionClosedError } from '../net/framed-connection'
import { TlsHandshakeError } from '../net/tls'
import { ReplyParseError } from '../smtp/reply-parser'

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)

/** "A7 AUTHENTICATE PLAIN <blob>" → "AUTHENTICATE PLAIN"; "3 LOGIN user pass" → "LOGIN". */
function imapVerb(executed: string | null): string | null {
  if (!executed) return null
  const words = executed.trim().split(/\s+/).slice(1)
  const verb = (words[0] ?? '').toUpperCase()
  if (verb === 'AUTHENTICATE') return `AUTHENTICATE ${(words[1] ?? '').toUpperCase()}`.trim()
  return verb || null
}

/**
 * The engine's own parser and connection errors (the probes' and diagnostics'), as the codes and
 * behaviours the classifier reads: a server that breaks a limit or hangs up is never `internal`.
 */
function engineFacts(error: unknown, facts: SendErrorFacts): boolean {
  const tooLarge = (): boolean => {
    facts.behaviour = 'reply-too-large'
    return true
  }
  if (!(error instanceof Error)) return false
  facts.message = error.message
  if (error instanceof ConnectionClosedError) facts.code = error.reset ? 'ECONNRESET' : 'ECONNECTION'
  else if (error instanceof TlsHandshakeError) facts.code = error.code ?? 'ETLS'
  else if (error instanceof LineLimitError) return tooLarge()
  else if (error instanceof ReplyParseError) {
    if (error.kind === 'line-too-long' || error.kind === 'too-many-lines' || error.kind === 'reply-too-large') return tooLarge()
    facts.code = 'EPROTOCOL'
  } else if (error instanceof Pop3ParseError) {
    if (/more than \d+ lines/.test(error.message)) return tooLarge()
    facts.code = 'EPROTOCOL'
  } else if (error instanceof MailboxProtocolError) {
    facts.code = 'EPROTOCOL'
    facts.behaviour = error.behaviour
  } else return false
  return true
}

function weaknessFromMessage(message: string | null): string | null {
  if (/digest algorithm too weak|md too weak/i.test(message ?? '')) return 'CA_MD_TOO_WEAK'
  if (/ca key too small/i.test(message ?? '')) return 'CA_KEY_TOO_SMALL'
  if (/key too small/i.test(message ?? '')) return 'EE_KEY_TOO_SMALL'
  return null
}

export function factsFrom(error: unknown, base: Parameters<typeof emptyFacts>[0]): SendErrorFacts {
  const facts = emptyFacts(base)
  if (error instanceof DeadlineError) {
    facts.deadline = { step: error.step, ms: error.ms }
    return facts
  }
  if (error instanceof DnsError) {
    facts.code = 'EDNS'
    facts.originalCode = error.code
    facts.message = error.message
    return facts
  }
  if (engineFacts(error, facts)) return facts
  if (error === null || typeof error !== 'object') {
    facts.message = String(error)
    return facts
  }
  const e = error as Record<string, unknown>
  facts.code = str(e.code)
  facts.originalCode = str(e.originalCode)
  facts.timeoutType = str(e.timeoutType)
  facts.message = str(e.message)
  // The engine's own errors (SmtpStepError, ReadBackError) may already name the server's behaviour.
  const behaviour = str(e.behaviour)
  if (behaviour !== null && behaviour in BEHAVIOUR_WORDS) facts.behaviour = behaviour as ServerBehaviour
  if (base.service === 'smtp') {
    facts.responseCode = num(e.responseCode)
    facts.response = str(e.response)
    facts.command = str(e.command)
  } else {
    facts.authenticationFailed = e.authenticationFailed === true
    facts.serverResponseCode = str(e.serverResponseCode)
    facts.response = str(e.responseText) ?? str(e.response)
    facts.command = imapVerb(str(e.executedCommand))
  }
  // A TLS failure wrapped by the library: the socket's own code sits on `cause` or `reason`.
  const cause = e.cause as Record<string, unknown> | undefined
  if (!facts.originalCode && cause && typeof cause === 'object') facts.originalCode = str(cause.code)
  // Node calls OpenSSL verification errors it has no name for "UNSPECIFIED"; the message still
  // says which (a SHA-1 chain: "CA signature digest algorithm too weak").
  if (facts.code === 'UNSPECIFIED') facts.code = weaknessFromMessage(facts.message) ?? facts.code
  if (facts.originalCode === 'UNSPECIFIED') facts.originalCode = weaknessFromMessage(facts.message) ?? facts.originalCode
  return facts
}
