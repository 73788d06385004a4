// Sign in, send a test message, read it back: the request (never a secret), the result with
// per-stage timings, and the error taxonomy. The classifier that turns what nodemailer, imapflow
// and Node reported into one code and one paragraph lives in send-classify.ts.
// Facts behind the rules: ../shared/field-notes.md ("Submission ports", "Authentication in 2026",
// "Client hazards") and toolchain.md §5 (nodemailer's error matrix).
import type { SocketSecurity, TlsSummary, TranscriptLine } from './model'
import { parseHost, parsePort, quote, type Parsed } from './validate'
import { TLS_PORTS } from './send-classify'
import type { ServerBehaviour } from './server-behaviour'
import type { SendService, SendStage } from './vocabulary/send-stages'
import type { AuthKind, SaslMechanism, SendMode } from './vocabulary/sign-in'
import { socketFromWord, socketSecurities } from './vocabulary/socket-security'
import { orList } from './vocabulary/words'

/** One server as the person (or discovery) gave it. `host` is ASCII (punycode) or an IP. */
export interface SendEndpoint {
  host: string
  port: number
  socket: SocketSecurity
}

export type { AuthKind, SaslMechanism, SendMode } from './vocabulary/sign-in'

export interface SendRequest {
  /** The person's address (local@asciiDomain): the envelope sender and the default recipient. */
  address: string
  smtp: SendEndpoint
  /** Needed for read-back only. */
  imap: SendEndpoint | null
  /** The sign-in name (often the address itself). */
  username: string
  auth: AuthKind
  mechanism: SaslMechanism | null
  /** Recipient of the test message; the person's own address unless they named another. */
  to: string
  mode: SendMode
  readBack: boolean
  /** Delete the test message after it was read back (only if the person asked). */
  deleteAfter: boolean
  /** Send credentials without TLS for this one attempt (the person said so explicitly). */
  allowPlaintextAuth: boolean
}

export type { SendService, SendStage } from './vocabulary/send-stages'

export interface StageTiming {
  stage: SendStage
  ms: number
  ok: boolean
  /** One line: what the stage saw ("250 2.0.0 Ok: queued as 4F1", "found in INBOX"). */
  detail: string
}

/** Every way a sign-in, a send or a read-back can fail, as a stable code (style.md §7). */
export type SendProblemCode =
  /** What the server did before sign-in: the same names as `probe` (server-behaviour.ts). */
  | ServerBehaviour
  | 'auth-failed'
  | 'app-password-required'
  | 'basic-auth-disabled'
  | 'auth-required'
  | 'auth-not-offered'
  | 'sender-denied'
  | 'relay-denied'
  | 'recipient-rejected'
  | 'message-rejected'
  | 'temporary-failure'
  | 'tls-on-starttls-port'
  | 'plaintext-on-tls-port'
  | 'greeting-timeout'
  | 'plaintext-auth-refused'
  | 'cert-self-signed'
  | 'cert-expired'
  | 'cert-wrong-host'
  | 'cert-untrusted'
  | 'cert-intercepted'
  /** The chain verified, but with a key or signature too weak to trust (RSA < 2048, SHA-1). */
  | 'cert-weak'
  | 'tls-failed'
  | 'connection-refused'
  | 'connection-timeout'
  | 'network-unreachable'
  | 'connection-lost'
  | 'dns-failed'
  | 'deadline'
  | 'not-delivered'
  | 'protocol'
  | 'internal'

export interface SendProblem {
  code: SendProblemCode
  service: SendService
  stage: SendStage
  /** One sentence: what went wrong. */
  title: string
  /** One paragraph a person can act on. */
  advice: string
  /** The server's reply, cleaned of control characters and clipped (null: none). */
  response: string | null
  responseCode: number | null
  /** The command the reply answered (`AUTH PLAIN`, `RCPT TO`, `CONN`, ...). */
  command: string | null
  /** Library and system codes for the evidence: "ESOCKET / ERR_SSL_WRONG_VERSION_NUMBER". */
  detail: string
  /** Where the person can learn more inside ClearPort: the port-25 / submission-port check. */
  seeAlso: 'port25' | null
}

/** What the library and the system said about a failure, as plain data (input of the classifier). */
export interface SendErrorFacts {
  service: SendService
  stage: SendStage
  host: string
  port: number
  socket: SocketSecurity
  auth: AuthKind
  /** nodemailer's code (ESOCKET, EAUTH, ...), imapflow's or Node's code. */
  code: string | null
  /** The system or TLS code nodemailer kept under its own (ECONNREFUSED, CERT_HAS_EXPIRED, ...). */
  originalCode: string | null
  /** nodemailer's named timeout (CONNECT_TIMEOUT, GREETING_TIMEOUT, UPGRADE_TIMEOUT, SOCKET_TIMEOUT). */
  timeoutType: string | null
  responseCode: number | null
  response: string | null
  command: string | null
  message: string | null
  /** imapflow: the server answered the LOGIN/AUTHENTICATE with NO. */
  authenticationFailed: boolean
  /** imapflow: the response code in brackets (AUTHENTICATIONFAILED, UNAVAILABLE, ALERT, ...). */
  serverResponseCode: string | null
  /** The certificate a credential-free diagnostic handshake saw after a validation failure. */
  certificate: { issuer: string; subject: string; verifyError: string | null } | null
  /** A credential-free TLS handshake on the same port worked: it speaks TLS from the first byte. */
  portSpeaksTls: boolean | null
  /** SASL mechanisms the server announced on the (protected) EHLO; null: not known. */
  offeredAuth: string[] | null
  /** The server's behaviour as the engine already named it (server-behaviour.ts); null: not named. */
  behaviour: ServerBehaviour | null
  /** ClearPort's own wall-clock deadline ended the step (DeadlineError): its step and length. */
  deadline: { step: string; ms: number } | null
}

export interface SmtpOutcome {
  /** The address actually connected to. */
  connectedAddress: string | null
  tls: TlsSummary | null
  /** SASL mechanisms announced after TLS. */
  offeredAuth: string[]
  /** The mechanism nodemailer used; null before sign-in. */
  mechanism: string | null
  signedIn: boolean
  /** `check`: the reply to RCPT TO; `send`: the server's final reply to the message. */
  finalReply: string | null
  accepted: string[]
  rejected: string[]
  /** The token in the test message's subject, for finding it again. */
  token: string | null
  messageId: string | null
  /** Microsoft 365 and SES replace the Message-ID; the id they named in their reply. */
  serverMessageId: string | null
}

export interface ReadBackOutcome {
  connectedAddress: string | null
  tls: TlsSummary | null
  arrived: boolean
  /** The mailbox it was found in (INBOX, or Junk: worth saying). */
  mailbox: string | null
  uid: number | null
  /** Final SMTP reply to first sight in the mailbox, by this machine's clock. */
  deliveryMs: number | null
  /** How often the mailbox was searched, which bounds the precision of `deliveryMs`. */
  pollMs: number
  deleted: boolean
}

export interface SendResult {
  request: SendRequest
  ok: boolean
  smtp: SmtpOutcome
  readBack: ReadBackOutcome | null
  timings: StageTiming[]
  problem: SendProblem | null
  /** Things that worked but deserve a word (a port/socket mismatch, an intercepting root). */
  warnings: string[]
  /** The SMTP conversation; credentials never appear (nodemailer masks them, ClearPort redacts). */
  transcript: TranscriptLine[]
  startedAt: string
  elapsedMs: number
}

// ---------------------------------------------------------------------------------------------
// Endpoint specs ("HOST:PORT:SOCKET") and port/socket sanity


/**
 * Parse `HOST:PORT:SSL|STARTTLS|plain` ([v6]:PORT:SOCKET for IPv6). `what` names the flag in
 * messages ("--smtp").
 */
export function parseEndpointSpec(input: string, what: string): Parsed<SendEndpoint> {
  if (typeof input !== 'string') return { ok: false, message: `${what} must be text` }
  const match = /^(\[[^\]]*\]|[^:]*):([^:]*):([^:]*)$/.exec(input.trim())
  if (!match) return { ok: false, message: `${what} ${quote(input)} must look like HOST:PORT:SSL or HOST:PORT:STARTTLS` }
  const host = parseHost(match[1] ?? '')
  if (!host.ok) return { ok: false, message: `${what}: ${host.message}` }
  const port = parsePort(match[2] ?? '', `${what} port`)
  if (!port.ok) return port
  const socket = socketFromWord(match[3] ?? '')
  if (!socket) return { ok: false, message: `${what}: the socket type ${quote(match[3] ?? '')} is not ${orList(socketSecurities)}` }
  return { ok: true, value: { host: host.value.host, port: port.value, socket } }
}

const STARTTLS_PORTS: Record<SendService, number[]> = { smtp: [25, 587], imap: [143] }

/** A socket type that contradicts the port's convention, in words (RFC 8314); null if none. */
export function socketMismatch(service: SendService, endpoint: SendEndpoint): string | null {
  const name = service.toUpperCase()
  if (TLS_PORTS[service].includes(endpoint.port) && endpoint.socket !== 'SSL') {
    return `${name} port ${endpoint.port} normally speaks TLS from the first byte (SSL); with ${endpoint.socket} the server's greeting never comes.`
  }
  if (STARTTLS_PORTS[service].includes(endpoint.port) && endpoint.socket === 'SSL') {
    return `${name} port ${endpoint.port} normally starts in plain text and upgrades with STARTTLS; SSL there fails with "wrong version number".`
  }
  return null
}

export { TLS_PORTS, classifySendError, cleanReply, emptyFacts } from './send-classify'
export { certificateReason, certificateStanding, isCertificateCode, looksLikeInterception } from './send-certificate'
