// Probe one candidate endpoint (SMTP, IMAP or POP3) on every address its name resolves to, in
// parallel: resolve → connect (staggered, judged by the network's round-trip patience) → TLS →
// the protocol's capability conversation. The greeting and TLS deadlines are set after the
// connect, from the patience as it stands then (2× the connect cutoff, 2–5 s): a server that
// accepted but says nothing is judged by the same round-trip rule as a dropped port.
import net from 'node:net'
import type { SocketSecurity, TcpOutcome, TlsSummary, TranscriptLine } from '@shared/model'
import type { MailProtocol } from '@shared/settings'
import { isCancel, withScope } from '../deadline'
import type { DnsClient } from '../net/dns'
import { connectStaggered, type ConnectResult } from '../net/tcp'
import { TlsHandshakeError, handshake } from '../net/tls'
import type { Patience } from '../net/patience'
import { smtpProbe } from '../smtp/session'
import { imapProbe } from '../mailbox/imap-probe'
import { pop3Probe } from '../mailbox/pop3-probe'

export interface ProbeTarget {
  protocol: MailProtocol
  host: string
  /** The port actually connected to (a test may remap the standard one). */
  port: number
  socket: SocketSecurity
}

export interface ProbeContext {
  dns: DnsClient
  patience: Patience
  signal: AbortSignal
  ca?: string[]
}

export interface Caps {
  auth: string[]
  passwordLogin: boolean
  raw: string[]
}

export interface AddressResult {
  address: string
  outcome: TcpOutcome
  ms: number
  banner: string | null
  /** Capabilities of the plaintext session (STARTTLS, plain) or of the only (TLS) session. */
  before: Caps | null
  /** After STARTTLS; what came before is forgotten (RFC 3207 §4.2, RFC 2595 §3.1). */
  after: Caps | null
  tls: TlsSummary | null
  injectedBytes: number
  error: { code: string; message: string } | null
}

export type ProbeResult = { dnsError: string } | { dnsError: null; addresses: AddressResult[] }

/** How long a server that accepted the connection may take to greet or to finish TLS. */
export function greetingPatienceMs(patience: Patience): number {
  return Math.min(5000, Math.max(2000, 2 * patience.cutoffMs))
}

function ehloName(socket: net.Socket): string {
  const local = socket.localAddress ?? '127.0.0.1'
  // RFC 5321 §4.1.3 address literal; a desktop has no stable host name worth announcing.
  return local.includes(':') ? `[IPv6:${local.replace(/^::ffff:/, '')}]` : `[${local}]`
}

export async function probeServer(target: ProbeTarget, ctx: ProbeContext): Promise<ProbeResult> {
  let addresses
  try {
    addresses = await withScope(ctx.signal, 4000, 'dns', (s) => ctx.dns.addresses(target.host, s))
  } catch (error) {
    if (isCancel(error)) throw error
    return { dnsError: (error as Error).message }
  }
  return { dnsError: null, addresses: await Promise.all(addresses.map(({ address }) => probeAddress(target, ctx, address))) }
}

async function probeAddress(target: ProbeTarget, ctx: ProbeContext, address: string): Promise<AddressResult> {
  // Each family by its own round trips (port25/patience.ts): a dead IPv6 is not waited on.
  const family = net.isIPv6(address) ? 6 : 4
  const giveUp = ctx.patience.giveUp(performance.now(), family)
  const t0 = performance.now()
  let connected: ConnectResult
  try {
    connected = await connectStaggered(address, target.port, { attempts: 2, staggerMs: 250, signal: ctx.signal, giveUp: giveUp.signal })
  } catch (error) {
    if (isCancel(error)) throw error
    connected = { outcome: 'timeout', ms: Math.round(performance.now() - t0), socket: null, errorCode: null }
  } finally {
    giveUp.dispose()
  }
  const result: AddressResult = { address, outcome: connected.outcome, ms: connected.ms, banner: null, before: null, after: null, tls: null, injectedBytes: 0, error: null }
  const socket = connected.socket
  if (!socket) {
    const message = connected.outcome === 'timeout' ? `no answer within ${connected.ms} ms (dropped?)` : `${connected.outcome}${connected.errorCode ? ` (${connected.errorCode})` : ''}`
    result.error = { code: connected.outcome, message }
    return result
  }
  ctx.patience.observe(connected.ms, family)
  const patienceMs = greetingPatienceMs(ctx.patience)
  // Discovery keeps the verdict, not the conversation; `clearport probe` shows transcripts.
  const transcript: TranscriptLine[] = []
  try {
    let stream: net.Socket = socket
    let tls: TlsSummary | null = null
    if (target.socket === 'SSL') {
      const secured = await withScope(ctx.signal, patienceMs, 'tls', (signal) => handshake(socket, { host: target.host, signal, ca: ctx.ca }))
      tls = secured.summary
      stream = secured.socket
    }
    const mode = target.socket === 'SSL' ? 'implicit' : target.socket === 'STARTTLS' ? 'starttls' : 'plain'
    if (target.protocol === 'smtp') {
      const r = await smtpProbe(stream, {
        host: target.host, mode, ehloName: ehloName(socket), signal: ctx.signal, transcript, ca: ctx.ca, tls,
        deadlines: { greeting: patienceMs, ehlo: 3000, starttls: 3000, tls: patienceMs },
      })
      const caps = (c: typeof r.capabilitiesBeforeTls): Caps | null => (c ? { auth: c.auth, passwordLogin: false, raw: c.raw } : null)
      Object.assign(result, { banner: r.banner, before: caps(r.capabilitiesBeforeTls), after: caps(r.capabilitiesAfterTls), tls: r.tls, injectedBytes: r.injectedBytes, error: r.error })
    } else {
      const probe = target.protocol === 'imap' ? imapProbe : pop3Probe
      const r = await probe(stream, { host: target.host, mode, signal: ctx.signal, transcript, ca: ctx.ca, tls, deadlines: { greeting: patienceMs, reply: 3000, tls: patienceMs } })
      Object.assign(result, { banner: r.banner, before: r.capabilitiesBeforeTls, after: r.capabilitiesAfterTls, tls: r.tls, injectedBytes: r.injectedBytes, error: r.error })
    }
  } catch (error) {
    socket.destroy()
    if (isCancel(error)) throw error
    const code = error instanceof TlsHandshakeError ? 'tls-failed' : error instanceof Error && error.name === 'DeadlineError' ? 'tls-timeout' : 'protocol'
    result.error = { code, message: error instanceof Error ? error.message : String(error) }
  }
  return result
}
