// The one probe pipeline, for the port-25 check, `clearport probe` and discovery's SMTP/IMAP/POP3
// verification: resolve → connect to every address at once (staggered, silence judged by the
// network's round-trip patience) → TLS for an implicit-TLS port → the protocol's capability
// conversation → what ended it, as one ProbeError (shared/probe-error.ts). Callers choose the
// conversation and read the result their way (records.ts, discover/verify.ts); nothing here knows
// about verdicts.
import type net from 'node:net'
import type { DnsFailure, SocketSecurity, TcpOutcome, TlsSummary, TranscriptLine } from '@shared/model'
import type { ProbeError } from '@shared/probe-error'
import { DNS_LOOKUP_MS, DeadlineError, isCancel, withScope } from '../deadline'
import { DnsError, dnsFailureOf, type DnsClient } from '../net/dns'
import type { Patience } from '../net/patience'
import { connectPatiently, type ConnectResult } from '../net/tcp'
import { TlsHandshakeError, handshake } from '../net/tls'
import type { ConversationMode, ConversationResult } from './conversation'

/** `tcp`: connect only (a control port such as 443: reachability is the whole question). */
export type ProbeSecurity = SocketSecurity | 'tcp'

export interface ProbeTarget {
  host: string
  /** The port actually connected to (a test may remap the standard one). */
  port: number
  security: ProbeSecurity
}

export interface ProbeContext {
  dns: DnsClient
  patience: Patience
  signal: AbortSignal
  /** The look-up's deadline (default DNS_LOOKUP_MS). */
  dnsTimeoutMs?: number
  ca?: string[]
}

/** Where a conversation runs: everything but the socket. */
export interface Session {
  host: string
  mode: ConversationMode
  ehloName: string
  signal: AbortSignal
  transcript: TranscriptLine[]
  ca?: string[]
  tls: TlsSummary | null
}

export interface Conversation<R extends ConversationResult<unknown>> {
  /** How long an implicit-TLS handshake may take. */
  tlsMs: number
  run(stream: net.Socket, session: Session): Promise<R>
}

/**
 * Chosen once the connection is up, so deadlines can follow the patience as it stands then
 * (discovery's do: a server that accepted but says nothing is judged like a dropped port).
 */
export type ConversationFor<R extends ConversationResult<unknown>> = () => Conversation<R>

export interface AddressProbe<R> {
  address: string
  family: 4 | 6
  outcome: TcpOutcome
  /** Milliseconds to the outcome of the connect. */
  ms: number
  /** The system's code for a failed connect (ECONNREFUSED, EHOSTUNREACH, …). */
  errorCode: string | null
  /** What the conversation saw; null when there was none (no socket, `tcp`, a failed implicit handshake). */
  conversation: R | null
  error: ProbeError | null
  transcript: TranscriptLine[]
}

export interface DnsProbeError {
  error: ProbeError
  failure: DnsFailure
  ms: number
}

export type EndpointProbe<R> = { dnsError: DnsProbeError; addresses: [] } | { dnsError: null; addresses: AddressProbe<R>[] }

function ehloName(socket: net.Socket): string {
  const local = socket.localAddress ?? '127.0.0.1'
  // RFC 5321 §4.1.3 address literal; a desktop has no stable host name worth announcing.
  return local.includes(':') ? `[IPv6:${local.replace(/^::ffff:/, '')}]` : `[${local}]`
}

/** A connect that gave no socket, worded once. */
export function connectFailure(connected: Pick<ConnectResult, 'outcome' | 'ms' | 'errorCode'>): ProbeError {
  const { outcome, ms, errorCode } = connected
  if (outcome === 'timeout') return { code: 'timeout', message: `no answer within ${ms} ms (dropped?)` }
  const code = outcome === 'open' || outcome === 'dns-error' ? 'protocol' : outcome
  return { code, message: `${outcome}${errorCode ? ` (${errorCode})` : ''}` }
}

/**
 * Probe `target` on every address its name resolves to, in parallel. `conversation` null: connect
 * only. `onAddress` hears each address as it ends (the port-25 check streams its evidence).
 * Throws only when cancelled.
 */
export async function probeEndpoint<R extends ConversationResult<unknown>>(
  target: ProbeTarget,
  ctx: ProbeContext,
  conversation: ConversationFor<R> | null,
  onAddress?: (probe: AddressProbe<R>) => void,
): Promise<EndpointProbe<R>> {
  const started = performance.now()
  let addresses
  try {
    addresses = await withScope(ctx.signal, ctx.dnsTimeoutMs ?? DNS_LOOKUP_MS, 'dns', (signal) => ctx.dns.addresses(target.host, signal))
  } catch (error) {
    if (isCancel(error)) throw error
    const message = error instanceof DnsError ? error.message : `name look-up for ${target.host} failed: ${(error as Error).message}`
    return { dnsError: { error: { code: 'dns', message }, failure: dnsFailureOf(error), ms: Math.round(performance.now() - started) }, addresses: [] }
  }
  const probes = await Promise.all(
    addresses.map(async ({ address, family }) => {
      const probe = await probeAddress(target, ctx, address, family, conversation)
      onAddress?.(probe)
      return probe
    }),
  )
  return { dnsError: null, addresses: probes }
}

/** How each socket security talks (a Record: a new kind of security fails to compile here, not falls to plain). */
const conversationModes: Record<SocketSecurity, ConversationMode> = { SSL: 'implicit', STARTTLS: 'starttls', plain: 'plain' }

async function probeAddress<R extends ConversationResult<unknown>>(
  target: ProbeTarget,
  ctx: ProbeContext,
  address: string,
  family: 4 | 6,
  conversation: ConversationFor<R> | null,
): Promise<AddressProbe<R>> {
  const t0 = performance.now()
  let connected: ConnectResult
  try {
    connected = await connectPatiently(address, target.port, ctx.patience, ctx.signal)
  } catch (error) {
    // The person cancelled: stop. An outer deadline passed: this connect simply got no answer.
    if (isCancel(error)) throw error
    connected = { outcome: 'timeout', ms: Math.round(performance.now() - t0), socket: null, errorCode: null }
  }
  const transcript: TranscriptLine[] = []
  const probe: AddressProbe<R> = { address, family, outcome: connected.outcome, ms: connected.ms, errorCode: connected.errorCode, conversation: null, error: null, transcript }
  const socket = connected.socket
  if (!socket) {
    probe.error = connectFailure(connected)
    return probe
  }
  transcript.push({ at: 0, dir: 'info', text: `connected to ${address}:${target.port} in ${connected.ms} ms` })
  if (target.security === 'tcp' || conversation === null) {
    socket.destroy()
    return probe
  }
  const talk = conversation()
  try {
    let stream: net.Socket = socket
    let tls: TlsSummary | null = null
    if (target.security === 'SSL') {
      const secured = await withScope(ctx.signal, talk.tlsMs, 'tls', (signal) => handshake(socket, { host: target.host, signal, ca: ctx.ca }))
      tls = secured.summary
      stream = secured.socket
    }
    const mode = conversationModes[target.security]
    probe.conversation = await talk.run(stream, { host: target.host, mode, ehloName: ehloName(socket), signal: ctx.signal, transcript, ca: ctx.ca, tls })
    probe.error = probe.conversation.error
  } catch (error) {
    socket.destroy()
    if (isCancel(error)) throw error
    const code = error instanceof TlsHandshakeError ? 'tls-failed' : error instanceof DeadlineError ? 'tls-timeout' : 'protocol'
    probe.error = { code, message: error instanceof Error ? error.message : String(error) }
  }
  return probe
}
