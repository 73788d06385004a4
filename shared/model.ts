// Domain types shared by the engine, the CLI, the main process and the renderer.
// Plain data only: everything here must survive structured cloning over IPC and JSON.
// The vocabularies (socket security, verdicts, outcomes) are declared once in vocabulary/.
import type { DnsFailure, TcpOutcome } from './vocabulary/probe-outcomes'
import type { Port25FindingId, Port25Verdict, VerdictHow } from './vocabulary/verdicts'
import type { SocketSecurity } from './vocabulary/socket-security'
import type { ProbeError } from './probe-error'

export type { DnsFailure, TcpOutcome } from './vocabulary/probe-outcomes'
export type { BlockHow, Port25Verdict, VerdictHow } from './vocabulary/verdicts'
export type { SocketSecurity } from './vocabulary/socket-security'

/** What a probe was for in the port-25 check. */
export type ProbeRole = 'target' | 'control' | 'own'

/** How the probe talked once connected. */
export type ProbeKind = 'smtp' | 'smtps' | 'tcp'

/**
 * Which root store vouched for a verified chain: Node's bundled public roots, the operating
 * system's store (where a company's inspection root lives), or an extra root given to ClearPort
 * (NODE_EXTRA_CA_CERTS, a test CA).
 */
export type TrustStore = 'public' | 'system' | 'extra'

export interface CertificateSummary {
  subject: string
  subjectAltNames: string[]
  issuer: string
  validFrom: string
  validTo: string
  fingerprint256: string
  /** True when the chain verified against the trusted roots and the name matched the host. */
  verified: boolean
  /** The exact reason verification failed (Node's error code, e.g. CERT_HAS_EXPIRED), or null. */
  verifyError: string | null
  /** Which store the verified chain ended in (absent in reports made before it was recorded). */
  trustedBy?: TrustStore | null
}

export interface TlsSummary {
  protocol: string | null
  cipher: string | null
  servername: string
  certificate: CertificateSummary | null
}

/** Evidence from one probe of one address and port. */
export interface ProbeRecord {
  id: string
  role: ProbeRole
  /** The provider (or "your domain") this probe belongs to. */
  provider: string
  kind: ProbeKind
  host: string
  address: string | null
  family: 4 | 6 | null
  /** The port actually connected to. */
  port: number
  /** The service the port stands for (25, 587, 465, 443, 2525), equal to `port` outside tests. */
  service: number
  outcome: TcpOutcome
  /** Milliseconds from the start of the attempt to the outcome of the TCP connect. */
  ms: number
  /** First line of the SMTP greeting, when one was read. */
  banner: string | null
  /** Whether STARTTLS was offered in the EHLO reply (null: not asked or not reached). */
  startTls: boolean | null
  tls: TlsSummary | null
  /** What went wrong after connecting, in words (greeting timeout, reply too long, ...), or null. */
  note: string | null
  /**
   * For `dns-error`: what the look-up ended in. A name that does not exist is not a DNS server
   * that stayed silent; absent in records made before this field existed.
   */
  dnsFailure?: DnsFailure
}

export type AddressFamilyName = 'ipv4' | 'ipv6'

/** The verdict on one address family, judged from that family's probes alone. */
export interface FamilyVerdict {
  verdict: Port25Verdict
  how: VerdictHow | null
}

/** Something the person should know beyond the verdict, e.g. "IPv6 does not work on this network". */
export interface Port25Finding {
  id: Port25FindingId
  title: string
  advice: string
}

export type SubmissionPort = 587 | 465 | 2525

export interface SubmissionPortStatus {
  port: SubmissionPort
  /** true: a provider answered correctly on this port; false: every try failed; null: not tested. */
  usable: boolean | null
  /** The probe ids this conclusion rests on. */
  evidence: string[]
  summary: string
}

export interface Port25Report {
  /** Which direction was measured: always outbound from this machine. */
  direction: 'outbound'
  verdict: Port25Verdict
  how: VerdictHow | null
  /**
   * Each address family on its own (null: no address of that family was tried). The top-level
   * verdict is the family that limits the person: IPv4 first, as most mail servers need it.
   */
  families?: Record<AddressFamilyName, FamilyVerdict | null>
  /** Findings beyond the verdict, each with its advice (a dead IPv6, ...). */
  findings?: Port25Finding[]
  /** One sentence: what was seen. */
  headline: string
  /** One paragraph a person can act on. */
  advice: string
  /** Which probes disagreed (for `inconclusive`), or other notes on the evidence. */
  notes: string[]
  submission: SubmissionPortStatus[]
  probes: ProbeRecord[]
  /** The patience used for silent connects, derived from control round-trip times. */
  silentCutoffMs: number
  startedAt: string
  elapsedMs: number
}

/** One line of an SMTP conversation, for transcripts. Credentials never appear here. */
export interface TranscriptLine {
  /** Milliseconds since the conversation started. */
  at: number
  dir: 'client' | 'server' | 'info'
  text: string
}

export interface EndpointProbeReport {
  host: string
  port: number
  security: SocketSecurity
  attempts: ProbeRecord[]
  /** Capabilities announced before TLS (STARTTLS) or on the only EHLO (plain/SSL). */
  capabilitiesBeforeTls: SmtpCapabilities | null
  /** Capabilities announced after TLS; pre-TLS capabilities are forgotten (RFC 3207 §4.2). */
  capabilitiesAfterTls: SmtpCapabilities | null
  tls: TlsSummary | null
  ok: boolean
  error: ProbeError | null
  transcript: TranscriptLine[]
  elapsedMs: number
}

export interface SmtpCapabilities {
  /** Domain the server named in its EHLO reply. */
  domain: string
  startTls: boolean
  auth: string[]
  size: number | null
  pipelining: boolean
  eightBitMime: boolean
  smtpUtf8: boolean
  enhancedStatusCodes: boolean
  chunking: boolean
  /** Every keyword line as sent, upper-cased keyword first. */
  raw: string[]
}
