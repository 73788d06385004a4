// What ended a probe short of a clean conversation: ONE type for the port-25 check, `clearport
// probe` and discovery's SMTP/IMAP/POP3 verification (electron/engine/probe/pipeline.ts). Every
// stage of the pipeline names its failure here — the look-up, the connect, TLS, the conversation
// — so a verdict, a report and a screen read the same code for the same event.
import type { TcpOutcome } from './model'
import type { ServerBehaviour } from './server-behaviour'

/** How a conversation ended when the server's behaviour has no name of its own. */
export type ConversationEnd = 'greeting-timeout' | 'reply-timeout' | 'tls-timeout' | 'tls-failed' | 'protocol' | 'closed' | 'reset'

export type ProbeErrorCode =
  /** What the server did (the names `send` and the read-back use too). */
  | ServerBehaviour
  | ConversationEnd
  /** The connect gave no socket: no answer, refused, unreachable (ICMP), reset. */
  | Exclude<TcpOutcome, 'open' | 'dns-error'>
  /** The name did not resolve. */
  | 'dns'
  /** The conversation finished, but showed a problem (masked STARTTLS, injected bytes, an untrusted certificate). */
  | 'probe'

export interface ProbeError {
  code: ProbeErrorCode
  message: string
}
