// What an error object says, as plain SendErrorFacts for the pure classifier (shared/send.ts).
// nodemailer keeps `code`, `originalCode`, `timeoutType`, `response`, `responseCode`, `command`
// (toolchain.md §5); imapflow keeps `code`, `authenticationFailed`, `serverResponseCode`,
// `responseText`; Node keeps `code`. Only known fields are read, and only as strings or numbers.
import { emptyFacts, type SendErrorFacts } from '@shared/send'
import { BEHAVIOUR_WORDS, type ServerBehaviour } from '@shared/server-behaviour'
import { DeadlineError } from '../deadline'
import { DnsError } from '../net/dns'

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
  return facts
}
